package io.iamcore.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;

/**
 * A request answered in full before the router, on one event loop: the hot path, where the
 * router's per-request machinery is a measurable share of the work. Anything the lane does not
 * answer at once goes to the router untouched.
 */
public interface FrontLane {

  /** Builds one event loop's lane, next to that loop's router and guard. */
  interface Factory {
    FrontLane create(Router router, ConnectionGuard guard);
  }

  /** True if {@code request} was answered here; false if nothing was done and the router takes it. */
  boolean served(HttpServerRequest request);
}
