import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;

/**
 * The plaintext ceiling for perf/identity-bench.sh: a bare Vert.x HTTP server (no router, no
 * metrics, no auth) answering every request with a fixed 13-byte body, on the same Vert.x and
 * Netty as the gateway, in the same strict thread mode and with the same number of event loops.
 * What the gateway's {@code /identities/me} is compared with.
 *
 * <p>Usage: {@code java -cp target/iamcore-gateway.jar perf/tools/Plaintext.java <port> [event-loops]}
 */
public class Plaintext {

  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    int loops = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
    Buffer body = Buffer.buffer("Hello, World!");
    Vertx vertx = Vertx.vertx();
    vertx.deployVerticle(() -> new VerticleBase() {
          @Override
          public Future<?> start() {
            // Strict thread mode as the gateway's server uses (writes straight to the channel).
            return vertx.createHttpServer(new HttpServerOptions().setPort(port).setHost("0.0.0.0").setStrictThreadMode(true))
                .requestHandler(req -> req.response().putHeader("Content-Type", "text/plain").end(body))
                .listen();
          }
        }, new DeploymentOptions().setInstances(loops))
        .onSuccess(id -> System.out.println("plaintext listening on " + port + " with " + loops + " event loops"))
        .onFailure(e -> {
          e.printStackTrace();
          System.exit(1);
        });
  }
}
