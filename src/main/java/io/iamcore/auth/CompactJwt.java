package io.iamcore.auth;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

/**
 * A JWS in compact serialisation, split and decoded but NOT yet trusted: nothing in it means
 * anything until {@link #verifySignature(PublicKey)} has passed.
 */
final class CompactJwt {

  /** Entra tokens are 1–3 KiB; a cap keeps hostile input from costing decode and parse time. */
  static final int MAX_TOKEN_CHARS = 16 * 1024;

  private final JwsAlgorithm algorithm;
  private final String kid;
  private final JsonObject claims;
  private final byte[] signingInput;
  private final byte[] signature;

  private CompactJwt(
      JwsAlgorithm algorithm, String kid, JsonObject claims, byte[] signingInput, byte[] signature) {
    this.algorithm = algorithm;
    this.kid = kid;
    this.claims = claims;
    this.signingInput = signingInput;
    this.signature = signature;
  }

  /**
   * Splits and decodes {@code token}, checking the header (allowed {@code alg}, a {@code kid}, no
   * {@code crit}).
   *
   * @throws AuthenticationException when the token is malformed or its header is not acceptable
   */
  static CompactJwt parse(String token) {
    if (token == null || token.isEmpty()) {
      throw new AuthenticationException("missing token");
    }
    if (token.length() > MAX_TOKEN_CHARS) {
      throw new AuthenticationException("token too large");
    }
    int first = token.indexOf('.');
    int second = first < 0 ? -1 : token.indexOf('.', first + 1);
    if (second < 0 || token.indexOf('.', second + 1) >= 0) {
      throw new AuthenticationException("malformed token");
    }
    JsonObject header = decodeJson(token.substring(0, first));
    JwsAlgorithm algorithm = JwsAlgorithm.byName(stringOrNull(header, "alg"));
    if (algorithm == null) {
      throw new AuthenticationException("signature algorithm not allowed");
    }
    if (header.containsKey("crit")) {
      // RFC 7515 §4.1.11: we understand no extensions, so a token that requires one is refused.
      throw new AuthenticationException("unsupported critical header");
    }
    String kid = stringOrNull(header, "kid");
    if (kid == null || kid.isBlank()) {
      throw new AuthenticationException("missing key id");
    }
    JsonObject claims = decodeJson(token.substring(first + 1, second));
    byte[] signature = decode(token.substring(second + 1));
    if (signature.length == 0) {
      throw new AuthenticationException("missing signature");
    }
    byte[] signingInput = token.substring(0, second).getBytes(StandardCharsets.US_ASCII);
    return new CompactJwt(algorithm, kid, claims, signingInput, signature);
  }

  String kid() {
    return kid;
  }

  /** The payload; only to be believed once the signature has been verified. */
  JsonObject claims() {
    return claims;
  }

  /** @throws AuthenticationException unless the signature is valid under {@code key} */
  void verifySignature(PublicKey key) {
    if (!(key instanceof RSAPublicKey)) {
      throw new AuthenticationException("unsupported signing key");
    }
    boolean valid;
    try {
      valid = algorithm.verify(key, signingInput, signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      valid = false;
    }
    if (!valid) {
      throw new AuthenticationException("invalid signature");
    }
  }

  private static JsonObject decodeJson(String part) {
    try {
      return new JsonObject(new String(decode(part), StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      throw new AuthenticationException("malformed token");
    }
  }

  private static byte[] decode(String part) {
    try {
      return Base64.getUrlDecoder().decode(part);
    } catch (IllegalArgumentException e) {
      throw new AuthenticationException("malformed token");
    }
  }

  private static String stringOrNull(JsonObject json, String field) {
    Object value = json.getValue(field);
    return value instanceof String ? (String) value : null;
  }
}
