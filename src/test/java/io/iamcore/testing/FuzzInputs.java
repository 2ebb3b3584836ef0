package io.iamcore.testing;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;

/** Turning a fuzzer's bytes into the inputs the gateway's parsers take. */
public final class FuzzInputs {

  private FuzzInputs() {}

  /** The bytes as a JSON object, or null when they are not one (the HTTP layer refuses those). */
  public static JsonObject jsonObject(byte[] data) {
    try {
      Object value = Json.decodeValue(new String(data, StandardCharsets.UTF_8));
      return value instanceof JsonObject object ? object : null;
    } catch (DecodeException e) {
      return null;
    }
  }
}
