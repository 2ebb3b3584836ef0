package io.iamcore.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process key endpoint: serves a JWK Set at {@code http://127.0.0.1:<port>/keys} on a random
 * port, counts requests, and can rotate keys, fail, or hold responses back.
 */
public final class TestJwksServer {

  private final AtomicInteger requests = new AtomicInteger();
  private volatile JsonObject jwks;
  private volatile int status = 200;
  private final List<HttpServerRequest> heldRequests = new ArrayList<>();
  private boolean holding; // guarded by heldRequests
  private HttpServer server;

  public TestJwksServer(JsonObject jwks) {
    this.jwks = jwks.copy();
  }

  public Future<TestJwksServer> start(Vertx vertx) {
    server = vertx.createHttpServer().requestHandler(this::handle);
    return server.listen(0, "127.0.0.1").map(ignored -> this);
  }

  /** The JWKS URI; valid once {@link #start} has completed. */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.actualPort() + "/keys");
  }

  /** Serves {@code jwks} from now on (a key rotation, or an empty set). */
  public void setKeys(JsonObject jwks) {
    this.jwks = jwks.copy();
  }

  /** Answers every request with {@code status} (e.g. 503 for an outage); 200 serves the keys. */
  public void setStatus(int status) {
    this.status = status;
  }

  /** Requests are counted but not answered until {@link #release()}. */
  public void hold() {
    synchronized (heldRequests) {
      holding = true;
    }
  }

  /** Answers the held requests and stops holding. */
  public void release() {
    List<HttpServerRequest> toAnswer;
    synchronized (heldRequests) {
      holding = false;
      toAnswer = new ArrayList<>(heldRequests);
      heldRequests.clear();
    }
    toAnswer.forEach(this::respond);
  }

  /** How many requests arrived, at any path, answered or not. */
  public int requestCount() {
    return requests.get();
  }

  public Future<Void> close() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  private void handle(HttpServerRequest request) {
    requests.incrementAndGet();
    synchronized (heldRequests) {
      if (holding) {
        heldRequests.add(request);
        return;
      }
    }
    respond(request);
  }

  private void respond(HttpServerRequest request) {
    if (!"/keys".equals(request.path())) {
      request.response().setStatusCode(404).end();
    } else if (status != 200) {
      request.response().setStatusCode(status).end();
    } else {
      request.response().putHeader("content-type", "application/json").end(jwks.encode());
    }
  }
}
