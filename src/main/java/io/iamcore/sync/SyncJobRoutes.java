package io.iamcore.sync;

import io.iamcore.auth.Roles;
import io.iamcore.http.ApiAuth;
import io.iamcore.http.ApiException;
import io.iamcore.http.Caller;
import io.iamcore.http.Requests;
import io.iamcore.http.Responses;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/** {@code /iamcore/sync/jobs}: start a full sync of a connector, follow its progress. */
public final class SyncJobRoutes {

  static final String BASE = "/iamcore/sync/jobs";

  private final SyncJobs jobs;
  private final ApiAuth auth;

  public SyncJobRoutes(SyncJobs jobs, ApiAuth auth) {
    this.jobs = jobs;
    this.auth = auth;
  }

  public void mount(Router router) {
    router.post(BASE).handler(auth.require(Roles.SYNCHRONIZATION_CONFIGURATION_READWRITE)).handler(this::start);
    router.get(BASE + "/:id").handler(auth.require(Roles.SYNCHRONIZATION_CONFIGURATION_READ)).handler(this::get);
  }

  private void start(RoutingContext ctx) {
    JsonObject body = Requests.jsonObject(ctx, ApiException::badRequest);
    if (!"fullSync".equals(body.getValue("type", "fullSync"))) {
      throw ApiException.badRequest("type must be \"fullSync\"");
    }
    UUID connector;
    try {
      connector = UUID.fromString(String.valueOf(body.getValue("connectorId")));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("connectorId must be a connector id (a GUID)");
    }
    jobs.start(Caller.of(ctx).tenantId(), connector)
        .compose(job -> {
          ctx.response().putHeader("Location", BASE + "/" + job.getString("id"));
          return Responses.json(ctx, 202, job);
        })
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    jobs.get(Caller.of(ctx).tenantId(), Requests.pathId(ctx, "id", ApiException::notFound))
        .compose(job -> Responses.json(ctx, 200, job))
        .onFailure(ctx::fail);
  }
}
