package io.iamcore.connector;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.iamcore.auth.SecretTokens;
import io.iamcore.http.ApiException;
import io.iamcore.store.KeyDirectory;
import io.iamcore.vertx.Contexts;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Connector administration (PRODUCT.md §3.2) and the connector lookups of the SCIM front door.
 * Every admin operation is scoped by the caller's tenant: another tenant's connector is 404.
 */
public final class ConnectorService {

  /**
   * How long a SCIM request may see a connector (and its secrets) as it was. Changes made on this
   * replica are seen at once; changes made on another replica (a revoked secret) within this time.
   */
  static final Duration SCIM_VIEW_TTL = Duration.ofSeconds(5);

  private static final Set<String> CREATE_KEYS =
      Set.of("name", "description", "templateId", "configuration", "softDeletionDays", "enabled");
  private static final Set<String> PATCH_KEYS =
      Set.of("name", "description", "configuration", "softDeletionDays", "enabled");
  private static final int DEFAULT_SOFT_DELETION_DAYS = 90;

  private final ConnectorStore store;
  private final SecretTokens secretTokens;
  private final KeyDirectory keys;
  private final ConnectorSpaceRemoval removal;
  private final Clock clock;
  private final AsyncCache<UUID, Optional<Connector>> scimView;

  public ConnectorService(Pool pool, SecretTokens secretTokens, KeyDirectory keys, ConnectorSpaceRemoval removal,
      Clock clock) {
    this.store = new ConnectorStore(pool);
    this.removal = removal;
    this.secretTokens = secretTokens;
    this.keys = keys;
    this.clock = clock;
    this.scimView = Caffeine.newBuilder()
        .expireAfterWrite(SCIM_VIEW_TTL)
        .maximumSize(100_000)
        .buildAsync();
  }

  /** The connector a SCIM request names, whatever its tenant; authenticate before using it. */
  public Future<Optional<Connector>> forScim(UUID id) {
    // Concurrent misses for one connector share one load: Entra's first burst would otherwise
    // send a query per request.
    return Contexts.onCallerContext(Future.fromCompletionStage(
        scimView.get(id, (key, executor) -> store.byId(key).toCompletionStage().toCompletableFuture())));
  }

  public Future<Connector> create(UUID tenant, JsonObject body) {
    rejectUnknown(body, CREATE_KEYS);
    Connector.Template template = template(body.getValue("templateId"));
    Instant now = clock.instant();
    Connector connector = new Connector(
        tenant,
        UUID.randomUUID(),
        name(body.getValue("name")),
        description(body.getValue("description")),
        template,
        enabled(body.getValue("enabled", true)),
        ScimSettings.complete(template, configuration(body.getValue("configuration")), tenant),
        // The connector space is the shared cs_object table, ready as soon as this row commits.
        "Provisioned",
        softDeletionDays(body.getValue("softDeletionDays", DEFAULT_SOFT_DELETION_DAYS)),
        now,
        now,
        1,
        List.of());
    return store.insert(connector).map(connector);
  }

  public Future<Connector> get(UUID tenant, UUID id) {
    return store.get(tenant, id).map(found -> found.orElseThrow(() -> notFound(id)));
  }

  public Future<List<Connector>> list(UUID tenant, UUID after, int limit) {
    return store.list(tenant, after, limit);
  }

  /** Applies a partial update; {@code ifMatch} (an ETag or null) guards against lost updates. */
  public Future<Connector> patch(UUID tenant, UUID id, JsonObject body, String ifMatch) {
    rejectUnknown(body, PATCH_KEYS);
    return get(tenant, id).compose(current -> {
      checkPrecondition(current, ifMatch);
      JsonObject configuration = current.configuration().copy();
      if (body.containsKey("configuration")) {
        configuration.mergeIn(configuration(body.getValue("configuration")));
      }
      Connector next = new Connector(
          tenant,
          id,
          body.containsKey("name") ? name(body.getValue("name")) : current.name(),
          body.containsKey("description") ? description(body.getValue("description")) : current.description(),
          current.template(),
          body.containsKey("enabled") ? enabled(body.getValue("enabled")) : current.enabled(),
          ScimSettings.complete(current.template(), configuration, tenant),
          current.provisioningState(),
          body.containsKey("softDeletionDays")
              ? softDeletionDays(body.getValue("softDeletionDays")) : current.softDeletionDays(),
          current.createdAt(),
          clock.instant(),
          current.version() + 1,
          current.secrets());
      return store.update(next, current.version()).map(updated -> {
        if (!updated) {
          throw ApiException.preconditionFailed("the connector changed meanwhile; read it again");
        }
        scimView.synchronous().invalidate(id);
        return next;
      });
    });
  }

  public Future<Void> delete(UUID tenant, UUID id, String ifMatch) {
    return get(tenant, id)
        .compose(current -> {
          checkPrecondition(current, ifMatch);
          return store.delete(tenant, id, removal);
        })
        .map(deleted -> {
          scimView.synchronous().invalidate(id);
          keys.forget(tenant, id);
          return null;
        });
  }

  /** A new SCIM secret token: returned once, stored only as its hash. */
  public Future<IssuedSecret> issueSecret(UUID tenant, UUID id) {
    String token = secretTokens.generate();
    Connector.Secret secret = new Connector.Secret(UUID.randomUUID(), secretTokens.hash(token), clock.instant());
    return store.addSecret(tenant, id, secret).map(found -> {
      if (!found) {
        throw notFound(id);
      }
      scimView.synchronous().invalidate(id);
      return new IssuedSecret(secret.id(), token, secret.createdAt());
    });
  }

  public Future<Void> revokeSecrets(UUID tenant, UUID id) {
    return store.revokeSecrets(tenant, id, clock.instant()).map(found -> {
      if (!found) {
        throw notFound(id);
      }
      scimView.synchronous().invalidate(id);
      return null;
    });
  }

  /** A secret as shown to its creator, the only time the token is visible. */
  public record IssuedSecret(UUID id, String secretToken, Instant createdAt) {
    public JsonObject toJson() {
      return new JsonObject()
          .put("id", id.toString())
          .put("secretToken", secretToken)
          .put("createdAt", createdAt.toString());
    }
  }

  private static void checkPrecondition(Connector current, String ifMatch) {
    if (ifMatch != null && !ifMatch.equals("*") && !ifMatch.equals(current.etag())) {
      throw ApiException.preconditionFailed(
          "If-Match " + ifMatch + " does not match the connector's current ETag " + current.etag());
    }
  }

  private static ApiException notFound(UUID id) {
    return ApiException.notFound("no connector " + id + " in your tenant");
  }

  private static void rejectUnknown(JsonObject body, Set<String> allowed) {
    for (String key : body.fieldNames()) {
      if (!allowed.contains(key) && !key.equals("id") && !key.equals("_etag") && !key.equals("type")) {
        throw ApiException.badRequest(key + " cannot be set; settable fields: " + allowed);
      }
    }
  }

  private static Connector.Template template(Object value) {
    if (value instanceof String s) {
      for (Connector.Template t : Connector.Template.values()) {
        if (t.name().equals(s)) {
          return t;
        }
      }
    }
    throw ApiException.badRequest("templateId must be \"SCIM\" or \"API\", got " + value);
  }

  private static String name(Object value) {
    if (!(value instanceof String s) || s.isBlank() || s.length() > 256) {
      throw ApiException.badRequest("name is required: a non-empty string of at most 256 characters");
    }
    return s;
  }

  private static String description(Object value) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof String s) || s.length() > 4096) {
      throw ApiException.badRequest("description must be a string of at most 4096 characters");
    }
    return s;
  }

  private static boolean enabled(Object value) {
    if (!(value instanceof Boolean b)) {
      throw ApiException.badRequest("enabled must be true or false, got " + value);
    }
    return b;
  }

  private static JsonObject configuration(Object value) {
    if (value == null) {
      return new JsonObject();
    }
    if (!(value instanceof JsonObject o)) {
      throw ApiException.badRequest("configuration must be a JSON object");
    }
    return o;
  }

  private static int softDeletionDays(Object value) {
    if (!(value instanceof Integer days) || days < 0 || days > 3650) {
      throw ApiException.badRequest("softDeletionDays must be a whole number of days from 0 to 3650, got " + value);
    }
    return days;
  }
}
