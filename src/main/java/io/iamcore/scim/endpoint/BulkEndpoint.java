package io.iamcore.scim.endpoint;

import io.iamcore.config.BulkConfig;
import io.iamcore.http.ErrorMapper;
import io.iamcore.http.Requests;
import io.iamcore.http.Responses;
import io.iamcore.scim.ScimException;
import io.iamcore.scim.bulk.BulkProcessor;
import io.iamcore.scim.bulk.BulkRequest;
import io.iamcore.scim.bulk.BulkResult;
import io.iamcore.scim.bulk.BulkTarget;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.List;

/**
 * {@code POST /Bulk} (RFC 7644 §3.7): checks the limits and the envelope, runs the operations with
 * {@link BulkProcessor}, answers 200 with a BulkResponse holding every operation processed (also
 * when {@code failOnErrors} stopped the run, PRODUCT.md §6).
 */
final class BulkEndpoint {

  private final BulkConfig limits;
  private final BulkProcessor processor;

  BulkEndpoint(BulkConfig limits, List<BulkTarget> targets) {
    this.limits = limits;
    this.processor = new BulkProcessor(targets, ErrorMapper::scimErrorBody);
  }

  void bulk(RoutingContext ctx) {
    if (ctx.body() != null && ctx.body().length() > limits.maxPayloadBytes()) {
      throw tooLarge();
    }
    JsonObject body = Requests.jsonObject(ctx, ScimException::invalidSyntax);
    BulkRequest request = BulkRequest.parse(body, limits.maxOperations());
    processor.run(request, ScimAuth.connector(ctx), ScimUrls.base(ctx))
        .compose(results -> Responses.scim(ctx, 200, BulkResult.responseBody(results)))
        .onFailure(ctx::fail);
  }

  /**
   * Failure handler of the Bulk route, ahead of the SCIM one: a body refused by the HTTP body limit
   * (which equals maxPayloadSize by default) is reported naming maxPayloadSize, as RFC 7644 §3.7.4
   * asks; everything else goes on to the SCIM failure handler.
   */
  void failure(RoutingContext ctx) {
    boolean bodyTooLarge = ctx.statusCode() == 413
        || ctx.failure() instanceof HttpException e && e.getStatusCode() == 413;
    if (!bodyTooLarge) {
      ctx.next();
      return;
    }
    JsonObject error = ErrorMapper.scimErrorBody(tooLarge(), "POST Bulk");
    Responses.scim(ctx, 413, error);
  }

  private ScimException tooLarge() {
    return ScimException.payloadTooLarge("the request body is larger than maxPayloadSize ("
        + limits.maxPayloadBytes() + " bytes)");
  }
}
