import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;

/**
 * The plaintext ceiling: the most trivial Vert.x HTTP handler (a fixed 13-byte text body), with
 * the gateway's own Vert.x (run it with the gateway jar on the class path) and as many event
 * loops as the gateway uses by default (one per core). Gatling measures it in the same run as a
 * scenario, so every figure of that run can also be given as a fraction of what this machine can
 * do for HTTP at all.
 *
 * <p>Usage: {@code java -cp target/iamcore-gateway.jar perf/gatling/tools/PlaintextServer.java <port> [instances]}
 */
public class PlaintextServer {

  public static void main(String[] args) {
    int port = Integer.parseInt(args.length > 0 ? args[0] : "18081");
    int instances = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(instances));
    Buffer body = Buffer.buffer("Hello, World!");
    // Servers created outside a Vert.x context each get an event loop of their own and share the port.
    for (int i = 0; i < instances; i++) {
      vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port))
          .requestHandler(request -> request.response()
              .putHeader("Content-Type", "text/plain")
              .end(body))
          .listen()
          .onFailure(e -> {
            System.err.println("plaintext server: " + e.getMessage());
            System.exit(1);
          });
    }
    System.out.println("plaintext server on 127.0.0.1:" + port + " with " + instances + " event loops");
  }
}
