package io.iamcore;

import io.iamcore.auth.SecretTokens;
import io.iamcore.auth.SigningKeys;
import io.iamcore.auth.TokenVerifier;
import io.iamcore.config.GatewayConfig;
import io.iamcore.connector.ConnectorRoutes;
import io.iamcore.connector.ConnectorService;
import io.iamcore.data.ConnectorData;
import io.iamcore.data.DataRoutes;
import io.iamcore.http.ApiAuth;
import io.iamcore.http.ConnectionGuard;
import io.iamcore.http.FrontLane;
import io.iamcore.http.HealthRoutes;
import io.iamcore.http.OpenApiRoute;
import io.iamcore.index.IdentityFastLane;
import io.iamcore.index.IdentityIndex;
import io.iamcore.index.IdentityRoutes;
import io.iamcore.http.HttpServerVerticle;
import io.iamcore.http.Routes;
import io.iamcore.metrics.HttpMetrics;
import io.iamcore.scim.endpoint.ScimOutcomes;
import io.iamcore.scim.endpoint.ScimRoutes;
import io.iamcore.store.CsObjectReader;
import io.iamcore.store.GroupMemberReader;
import io.iamcore.store.DatabaseHealth;
import io.iamcore.store.DatabaseTarget;
import io.iamcore.store.EmbeddedDatabase;
import io.iamcore.store.GroupCommitWriter;
import io.iamcore.store.KeyDirectory;
import io.iamcore.store.Migrations;
import io.iamcore.store.MicrosecondClock;
import io.iamcore.store.PgListener;
import io.iamcore.store.SoftDeletePurger;
import io.iamcore.sync.ConnectorRecall;
import io.iamcore.sync.CoreObjectRoutes;
import io.iamcore.sync.ObjectRoutes;
import io.iamcore.sync.SyncJobRoutes;
import io.iamcore.sync.SyncJobs;
import io.iamcore.sync.SyncPipeline;
import io.iamcore.sync.SyncRuleRoutes;
import io.iamcore.sync.SyncRuleService;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wires the gateway once: database (embedded or configured) and migrations, the pool, the
 * group-commit writer, signing keys, services and routes, then the HTTP servers. Nothing here is
 * static; tests start as many gateways as they like in one JVM.
 */
public final class Gateway {

  private static final System.Logger LOG = System.getLogger(Gateway.class.getName());

  private final Vertx vertx;
  private final GatewayConfig config;
  private final EmbeddedDatabase embedded;
  private final Pool pool;
  private final GroupCommitWriter writer;
  private final SigningKeys signingKeys;
  private final SoftDeletePurger purger;
  private final IdentityIndex identityIndex;
  private final PgListener keyChanges;
  private final int port;
  private final List<String> deployments;
  private final List<Route> routeTable;

  private Gateway(Vertx vertx, GatewayConfig config, EmbeddedDatabase embedded, Pool pool,
      GroupCommitWriter writer, SigningKeys signingKeys, SoftDeletePurger purger, IdentityIndex identityIndex,
      PgListener keyChanges, int port, List<String> deployments, List<Route> routeTable) {
    this.purger = purger;
    this.identityIndex = identityIndex;
    this.keyChanges = keyChanges;
    this.vertx = vertx;
    this.config = config;
    this.embedded = embedded;
    this.pool = pool;
    this.writer = writer;
    this.signingKeys = signingKeys;
    this.port = port;
    this.deployments = deployments;
    this.routeTable = routeTable;
  }

  /** Starts a gateway on {@code vertx}; blocking start-up work runs on a worker thread. */
  public static Future<Gateway> start(Vertx vertx, GatewayConfig config) {
    // Class loading and object construction take hundreds of ms on first use: keep them off the
    // event loop too, not only the JDBC migrations.
    return vertx.executeBlocking(() -> {
          PreparedDatabase prepared = prepareDatabase(config);
          try {
            return wire(vertx, config, prepared.embedded(), prepared.target());
          } catch (RuntimeException e) {
            if (prepared.embedded() != null) {
              prepared.embedded().close();
            }
            throw e;
          }
        }, false)
        .compose(start -> start);
  }

  private record PreparedDatabase(EmbeddedDatabase embedded, DatabaseTarget target) {}

  /** Blocking: starts the embedded server if needed and applies migrations. */
  private static PreparedDatabase prepareDatabase(GatewayConfig config) {
    EmbeddedDatabase embedded = null;
    DatabaseTarget target;
    if (config.database().embedded()) {
      LOG.log(System.Logger.Level.INFO, "IAMCORE_DB_URL is not set: starting the embedded PostgreSQL in "
          + config.database().dataDir().resolve("postgres"));
      embedded = EmbeddedDatabase.start(config.database().dataDir());
      target = embedded.target();
    } else {
      target = DatabaseTarget.fromUri(config.database().url().toString());
    }
    try {
      var result = Migrations.apply(target);
      LOG.log(System.Logger.Level.INFO, "database " + target + " at schema version "
          + (result.targetSchemaVersion == null ? "current" : result.targetSchemaVersion)
          + " (" + result.migrationsExecuted + " migrations applied)");
    } catch (RuntimeException e) {
      if (embedded != null) {
        embedded.close();
      }
      throw e;
    }
    return new PreparedDatabase(embedded, target);
  }

  /** Builds the object graph (blocking-safe) and returns the asynchronous start of it. */
  private static Future<Gateway> wire(Vertx vertx, GatewayConfig config, EmbeddedDatabase embedded,
      DatabaseTarget target) {
    Clock clock = Clock.systemUTC();
    Clock storeClock = new MicrosecondClock(clock);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Pool pool = PgBuilder.pool()
        .with(new PoolOptions()
            .setMaxSize(config.database().poolSize())
            .setMaxWaitQueueSize(config.writer().queueCapacity())
            .setConnectionTimeout((int) config.database().connectTimeout().toMillis())
            .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS)
            .setIdleTimeout(60).setIdleTimeoutUnit(TimeUnit.SECONDS))
        .with(new NetClientOptions()
            .setConnectTimeout((int) config.database().connectTimeout().toMillis()))
        .connectingTo(target.connectOptions())
        .using(vertx)
        .build();
    DatabaseHealth health = new DatabaseHealth(vertx, pool, target.connectOptions(), registry);
    CsObjectReader reader = new CsObjectReader(pool);
    KeyDirectory keys = new KeyDirectory(reader, config.keyDirectoryMaxEntries(), registry);
    SigningKeys signingKeys = new SigningKeys(vertx, config.auth(), clock, registry, DevMode.localKeys(config));
    TokenVerifier verifier = new TokenVerifier(signingKeys, config.auth(), clock);
    ApiAuth apiAuth = new ApiAuth(verifier, config.auth().apiAudiences());
    SecretTokens secretTokens = new SecretTokens(new SecureRandom());
    IdentityIndex identityIndex = new IdentityIndex(vertx, pool, target.connectOptions(), config.indexMaxEntries(),
        registry);
    ConnectorService connectors = new ConnectorService(pool, secretTokens, keys,
        new ConnectorRecall(identityIndex, storeClock), storeClock);
    SyncRuleService syncRules = new SyncRuleService(pool, connectors, storeClock);
    SyncPipeline syncPipeline = new SyncPipeline(syncRules, identityIndex, storeClock);
    GroupCommitWriter writer =
        new GroupCommitWriter(vertx, pool, config.writer(), storeClock, registry, health, keys,
            keys.announcements().andThen(syncPipeline));
    PgListener keyChanges = new PgListener(vertx, target.connectOptions(), KeyDirectory.CHANNEL,
        keys::onNotification, keys::resync);
    SoftDeletePurger purger = new SoftDeletePurger(vertx, pool);
    HttpMetrics httpMetrics = new HttpMetrics(registry);

    ConnectorRoutes connectorRoutes = new ConnectorRoutes(connectors, apiAuth);
    ScimRoutes scimRoutes = new ScimRoutes(connectors, verifier, secretTokens,
        config.auth().scimAudiences(), writer, reader, new GroupMemberReader(pool), keys, config.bulk(), clock);
    HealthRoutes healthRoutes = new HealthRoutes(health, signingKeys, identityIndex::loaded, registry);
    OpenApiRoute openApi = OpenApiRoute.load();
    ScimOutcomes scimOutcomes = new ScimOutcomes(registry);
    IdentityRoutes identityRoutes = new IdentityRoutes(identityIndex, apiAuth);
    SyncJobs syncJobs = new SyncJobs(vertx, pool, writer, storeClock, registry);
    SyncRuleRoutes ruleRoutes = new SyncRuleRoutes(syncRules, syncJobs, apiAuth);
    SyncJobRoutes jobRoutes = new SyncJobRoutes(syncJobs, apiAuth);
    ObjectRoutes objectRoutes = new ObjectRoutes(pool, connectors, writer, syncRules, apiAuth);
    CoreObjectRoutes coreRoutes = new CoreObjectRoutes(pool, apiAuth);
    DataRoutes dataRoutes = new DataRoutes(new ConnectorData(connectors, writer, pool), apiAuth);

    // One router per event loop, built here (off the event loop) rather than in each verticle.
    Queue<Router> routers = new ConcurrentLinkedQueue<>();
    for (int i = 0; i < config.http().instances(); i++) {
      routers.add(Routes.build(vertx, config.http().maxBodyBytes(), httpMetrics,
          // Identity resolution right after health: the router tries routes in order, and the
          // hot path should not pay for matching the SCIM and admin routes first.
          List.of(healthRoutes::mount, identityRoutes::mount, openApi::mount, scimOutcomes::mount, scimRoutes::mount,
              dataRoutes::mount, connectorRoutes::mount, objectRoutes::mount, ruleRoutes::mount, jobRoutes::mount,
              coreRoutes::mount)));
    }
    List<Route> routeTable = List.copyOf(routers.peek().getRoutes());
    AtomicInteger boundPort = new AtomicInteger();
    return writer.start()
        .onSuccess(v -> purger.start())
        .compose(v -> keyChanges.start())
        .compose(v -> identityIndex.start())
        .compose(v -> signingKeys.start().recover(error -> {
          // Not fatal: readiness stays DOWN and every token is refused until keys load.
          LOG.log(System.Logger.Level.WARNING, "signing keys not loaded from "
              + config.auth().jwksUri() + " (" + error.getMessage() + "); retrying in the background");
          return Future.succeededFuture();
        }))
        .compose(v -> deployHttp(vertx, config, boundPort, routers::poll,
            new ConnectionGuard.Shared(config.http().limits(), registry),
            IdentityFastLane.factory(apiAuth, identityIndex, httpMetrics)))
        .map(ids -> new Gateway(vertx, config, embedded, pool, writer, signingKeys, purger, identityIndex, keyChanges,
            boundPort.get(), ids, routeTable))
        .compose(g -> syncJobs.resumeUnfinished().otherwise(0).map(g))
        .onSuccess(g -> LOG.log(System.Logger.Level.INFO, "IAM Core gateway listening on port " + g.port));
  }

  private static Future<List<String>> deployHttp(Vertx vertx, GatewayConfig config,
      AtomicInteger boundPort, Supplier<Router> routes, ConnectionGuard.Shared limits, FrontLane.Factory lanes) {
    // Every instance asks for the same port; Vert.x shares one listening socket among them (also
    // for port 0, where they share the one random port).
    Queue<HttpServerVerticle> servers = new ConcurrentLinkedQueue<>();
    return vertx.deployVerticle(() -> {
          HttpServerVerticle server = new HttpServerVerticle(config.http(), routes, limits, lanes);
          servers.add(server);
          return server;
        }, new DeploymentOptions().setInstances(config.http().instances()))
        .map(id -> {
          boundPort.set(servers.peek().actualPort());
          return List.of(id);
        });
  }

  public int port() {
    return port;
  }

  /** The routes every HTTP server serves, in matching order (the OpenAPI test compares them). */
  public List<Route> routes() {
    return routeTable;
  }

  /** Writes waiting or in flight; a graceful stop waits for this to reach zero. */
  public int pendingWrites() {
    return writer.depth();
  }

  /**
   * Graceful stop: stop accepting requests, let the writer finish what it accepted (bounded by
   * {@code drainMillis}), then close the pool and the embedded database.
   */
  public Future<Void> stop(long drainMillis) {
    Future<Void> undeployed = Future.all(deployments.stream().map(vertx::undeploy).toList()).mapEmpty();
    return undeployed
        .compose(v -> drain(System.currentTimeMillis() + drainMillis))
        .eventually(() -> {
          signingKeys.stop();
          purger.stop();
          return Future.join(identityIndex.stop(), keyChanges.stop()).otherwiseEmpty().compose(v -> pool.close());
        })
        .eventually(() -> {
          if (embedded != null) {
            return vertx.executeBlocking(() -> {
              embedded.close();
              return null;
            }, false).mapEmpty();
          }
          return Future.succeededFuture();
        })
        .mapEmpty();
  }

  private Future<Void> drain(long deadline) {
    if (writer.depth() == 0 || System.currentTimeMillis() > deadline) {
      return Future.succeededFuture();
    }
    return vertx.timer(20).compose(v -> drain(deadline));
  }
}
