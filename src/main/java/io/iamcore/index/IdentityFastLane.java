package io.iamcore.index;

import io.iamcore.http.AccessLog;
import io.iamcore.http.ApiAuth;
import io.iamcore.http.Caller;
import io.iamcore.http.ConnectionGuard;
import io.iamcore.http.FrontLane;
import io.iamcore.metrics.HttpMetrics;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /iamcore/identities/me} answered before the router when it is a pure hit: a bearer
 * token already in the verification cache for this API, and its oid in the identity index. That is
 * nearly every request of a downstream API; for it the router's routing context, handler chain and
 * end-handler lists cost more than the lookup.
 *
 * <p>The answer is the one {@link IdentityRoutes} gives (status, body, {@code Content-Type},
 * {@code X-Request-Id}), and the request is counted the same way: its access line, its
 * {@code http_server_requests} timer under the route template, its in-flight slot. Everything
 * else (no token, a token not yet verified or refused, a miss, a query string or a body, any
 * other path) goes to the router, which answers it and every error as before.
 */
public final class IdentityFastLane implements FrontLane {

  private static final CharSequence REQUEST_ID = HttpHeaders.createOptimized(AccessLog.REQUEST_ID_HEADER);

  private final ApiAuth auth;
  private final IdentityIndex index;
  private final Timer answered;
  private final AccessLog accessLog;
  private final ConnectionGuard guard;

  private IdentityFastLane(ApiAuth auth, IdentityIndex index, HttpMetrics metrics, AccessLog accessLog,
      ConnectionGuard guard) {
    this.auth = auth;
    this.index = index;
    this.answered = metrics.timer(HttpMethod.GET.name(), IdentityRoutes.ME, 200);
    this.accessLog = accessLog;
    this.guard = guard;
  }

  /** One lane per event loop, logging through an access log of that loop's router. */
  public static FrontLane.Factory factory(ApiAuth auth, IdentityIndex index, HttpMetrics metrics) {
    return (router, guard) -> new IdentityFastLane(auth, index, metrics, new AccessLog(router), guard);
  }

  @Override
  public boolean served(HttpServerRequest request) {
    if (request.method() != HttpMethod.GET || !IdentityRoutes.ME.equals(request.path()) || request.query() != null
        || mayHaveBody(request)) {
      return false;
    }
    long start = System.nanoTime();
    Caller caller = auth.cachedCaller(request);
    String oid = caller == null ? null : caller.token().objectId();
    byte[] json = oid == null ? null : index.hit(caller.tenantId(), oid);
    if (json == null) {
      return false;
    }
    String requestId = AccessLog.requestIdOf(request);
    IdentityRoutes.sendIdentity(request.response().putHeader(REQUEST_ID, requestId), json);
    long nanos = System.nanoTime() - start;
    guard.answeredAtOnce(request);
    answered.record(nanos, TimeUnit.NANOSECONDS);
    accessLog.answered(request, requestId, IdentityRoutes.ME, nanos, caller.tenantId());
    return true;
  }

  /** A GET with a body is unusual; the router's body handling and limits decide what it gets. */
  private static boolean mayHaveBody(HttpServerRequest request) {
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    return (length != null && !length.equals("0")) || request.headers().contains(HttpHeaders.TRANSFER_ENCODING);
  }
}
