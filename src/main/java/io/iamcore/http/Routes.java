package io.iamcore.http;

import io.iamcore.metrics.HttpMetrics;
import io.vertx.core.Vertx;
import io.vertx.ext.web.AllowForwardHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.function.Consumer;

/**
 * Builds the router: the access log, metrics and body limits first, then each feature's routes,
 * then errors.
 */
public final class Routes {

  private Routes() {}

  public static Router build(Vertx vertx, int maxBodyBytes, HttpMetrics metrics,
      List<Consumer<Router>> features) {
    Router router = Router.router(vertx);
    router.allowForward(AllowForwardHeaders.X_FORWARD);
    router.route().handler(new AccessLog(router));
    router.route().handler(metrics);
    router.route().handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes));
    features.forEach(feature -> feature.accept(router));
    router.route().failureHandler(ErrorMapper::api);
    router.errorHandler(404, ErrorMapper::api);
    router.errorHandler(405, ErrorMapper::api);
    return router;
  }
}
