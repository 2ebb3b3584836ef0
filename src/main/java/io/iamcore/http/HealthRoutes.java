package io.iamcore.http;

import io.iamcore.auth.SigningKeys;
import io.iamcore.store.DatabaseHealth;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BooleanSupplier;

/** {@code /health/live}, {@code /health/ready} and {@code /metrics} (PRODUCT.md §3.5). */
public final class HealthRoutes {

  private static final long DATABASE_CHECK_MILLIS = 1000;

  private final DatabaseHealth database;
  private final SigningKeys keys;
  private final BooleanSupplier indexLoaded;
  private final PrometheusMeterRegistry registry;

  public HealthRoutes(DatabaseHealth database, SigningKeys keys, BooleanSupplier indexLoaded,
      PrometheusMeterRegistry registry) {
    this.database = database;
    this.keys = keys;
    this.indexLoaded = indexLoaded;
    this.registry = registry;
  }

  public void mount(Router router) {
    router.get("/health/live").handler(ctx -> Responses.json(ctx, 200, new JsonObject().put("status", "UP")));
    router.get("/health/ready").handler(this::ready);
    router.get("/metrics").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        .end(registry.scrape()));
  }

  /** Ready = the database answers, signing keys and the identity index are loaded; each check is reported. */
  private void ready(RoutingContext ctx) {
    database.check(DATABASE_CHECK_MILLIS).onComplete(result -> {
      boolean dbUp = result.succeeded() && result.result();
      boolean keysUp = keys.loaded();
      boolean indexUp = indexLoaded.getAsBoolean();
      boolean up = dbUp && keysUp && indexUp;
      Responses.json(ctx, up ? 200 : 503, new JsonObject()
          .put("status", up ? "UP" : "DOWN")
          .put("checks", new JsonObject()
              .put("database", dbUp ? "UP" : "DOWN")
              .put("signingKeys", keysUp ? "UP" : "DOWN")
              .put("identityIndex", indexUp ? "UP" : "DOWN")));
    });
  }
}
