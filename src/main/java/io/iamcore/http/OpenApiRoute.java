package io.iamcore.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * {@code GET /openapi.json}: the OpenAPI 3.1 document of the admin, data and identity APIs, as
 * shipped in the jar ({@code src/main/resources/openapi.json}). No authentication: it describes the
 * API, not the tenant's data. Read once at start (off the event loop) and answered from memory with
 * a strong ETag, so clients and proxies may cache it.
 */
public final class OpenApiRoute {

  public static final String PATH = "/openapi.json";
  static final String RESOURCE = "/openapi.json";

  private final Buffer document;
  private final String etag;

  public OpenApiRoute(byte[] document) {
    this.document = Buffer.buffer(document);
    this.etag = "\"" + sha256(document).substring(0, 32) + "\"";
  }

  /** Blocking: reads the bundled document. Call once, off the event loop. */
  public static OpenApiRoute load() {
    try (InputStream in = OpenApiRoute.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      return new OpenApiRoute(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  public void mount(Router router) {
    router.get(PATH).handler(this::serve);
  }

  private void serve(RoutingContext ctx) {
    ctx.response()
        .putHeader("ETag", etag)
        .putHeader("Cache-Control", "public, max-age=3600");
    if (etag.equals(ctx.request().getHeader("If-None-Match"))) {
      ctx.response().setStatusCode(304).end();
      return;
    }
    ctx.response().putHeader("Content-Type", Responses.JSON).end(document);
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
