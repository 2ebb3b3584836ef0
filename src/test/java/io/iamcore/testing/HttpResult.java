package io.iamcore.testing;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;

/** An HTTP answer as tests read it. */
public record HttpResult(int status, String body, HttpResponse<String> raw) {

  public JsonObject json() {
    return new JsonObject(body);
  }

  public String header(String name) {
    return raw.headers().firstValue(name).orElse(null);
  }

  @Override
  public String toString() {
    return status + " " + body;
  }
}
