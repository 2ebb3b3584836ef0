package io.iamcore.sync;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.iamcore.connector.ConnectorService;
import io.iamcore.http.ApiException;
import io.iamcore.vertx.Contexts;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Sync rule administration ({@code /iamcore/sync/rules}) and the rule lookups of the pipeline.
 * The pipeline's view of a connector's rules is cached: changes made on this replica apply to the
 * next write at once, changes made on another replica within {@link #RULES_TTL}.
 */
public final class SyncRuleService {

  static final Duration RULES_TTL = Duration.ofSeconds(5);

  private final SyncRuleStore store;
  private final ConnectorService connectors;
  private final Clock clock;
  private final AsyncCache<Source, List<SyncRule>> bySource;

  public SyncRuleService(Pool pool, ConnectorService connectors, Clock clock) {
    this.store = new SyncRuleStore(pool);
    this.connectors = connectors;
    this.clock = clock;
    this.bySource = Caffeine.newBuilder().expireAfterWrite(RULES_TTL).maximumSize(100_000).buildAsync();
  }

  /** Which connector-space objects a set of rules applies to. */
  record Source(UUID tenantId, UUID connectorId, String objectType) {}

  /** The rules for a connector's objects of {@code objectType}, by ascending priority. */
  public Future<List<SyncRule>> rulesFor(UUID tenant, UUID connector, String objectType) {
    Source source = new Source(tenant, connector, objectType);
    // Concurrent misses share one load, which completes on the first caller's event loop.
    return Contexts.onCallerContext(Future.fromCompletionStage(bySource.get(source,
        (key, executor) -> store.forSource(tenant, connector, objectType).toCompletionStage().toCompletableFuture())));
  }

  public Future<SyncRule> create(UUID tenant, JsonObject body) {
    SyncRule.Definition definition = SyncRule.Definition.parse(body);
    return requireConnector(tenant, definition.connectorId()).compose(v -> {
      var now = clock.instant();
      SyncRule rule = build(tenant, UUID.randomUUID(), definition, now, now, 1);
      return store.insert(rule).map(rule);
    }).onSuccess(this::forget);
  }

  public Future<SyncRule> get(UUID tenant, UUID id) {
    return store.get(tenant, id).map(found -> found.orElseThrow(() -> notFound(id)));
  }

  public Future<List<SyncRule>> list(UUID tenant, UUID after, int limit) {
    return store.list(tenant, after, limit);
  }

  /** PUT: replaces the rule's definition; {@code ifMatch} guards against lost updates. */
  public Future<SyncRule> replace(UUID tenant, UUID id, JsonObject body, String ifMatch) {
    SyncRule.Definition definition = SyncRule.Definition.parse(body);
    return get(tenant, id).compose(current -> {
      if (ifMatch != null && !ifMatch.equals("*") && !ifMatch.equals(current.etag())) {
        throw ApiException.preconditionFailed("If-Match " + ifMatch + " does not match " + current.etag());
      }
      return requireConnector(tenant, definition.connectorId()).compose(v -> {
        SyncRule next = build(tenant, id, definition, current.createdAt(), clock.instant(), current.version() + 1);
        return store.update(next, current.version()).map(updated -> {
          if (!updated) {
            throw ApiException.preconditionFailed("the rule changed meanwhile; read it again");
          }
          forget(current);
          forget(next);
          return next;
        });
      });
    });
  }

  public Future<Void> delete(UUID tenant, UUID id) {
    return get(tenant, id).compose(current -> store.delete(tenant, id).map(deleted -> {
      forget(current);
      return null;
    }));
  }

  private Future<Void> requireConnector(UUID tenant, UUID connectorId) {
    return connectors.get(tenant, connectorId)
        .recover(error -> Future.failedFuture(error instanceof ApiException api && api.status() == 404
            ? ApiException.badRequest("connectorId " + connectorId + " is not a connector of your tenant")
            : error))
        .mapEmpty();
  }

  private void forget(SyncRule rule) {
    bySource.synchronous().invalidate(new Source(rule.tenantId(), rule.connectorId(), rule.connectorObjectType()));
  }

  private static SyncRule build(UUID tenant, UUID id, SyncRule.Definition d, java.time.Instant created,
      java.time.Instant updated, long version) {
    return new SyncRule(tenant, id, d.name(), d.connectorId(), d.connectorObjectType(), d.coreObjectType(),
        d.provisioningEnabled(), d.priority(), d.joinScope(), d.flows(), created, updated, version);
  }

  private static ApiException notFound(UUID id) {
    return ApiException.notFound("no sync rule " + id + " in your tenant");
  }
}
