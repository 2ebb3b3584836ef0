package io.iamcore.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a JWK Set (RFC 7517) into RSA verification keys by {@code kid}, with plain JDK crypto.
 *
 * <p>One bad entry never spoils the set: keys that are not RSA, are meant for encryption, are
 * weaker than {@link #MIN_MODULUS_BITS} or do not parse are skipped with a warning naming only the
 * {@code kid}, and the rest are used.
 */
final class JwkSetParser {

  private static final Logger log = LoggerFactory.getLogger(JwkSetParser.class);

  /** Entra signs with 2048-bit keys; anything shorter is not a key we should trust. */
  static final int MIN_MODULUS_BITS = 2048;

  private JwkSetParser() {}

  /**
   * The usable keys of {@code jwks}, in document order; empty when none is usable.
   *
   * @throws IllegalArgumentException when the document has no {@code keys} array at all
   */
  static Map<String, PublicKey> parse(JsonObject jwks) {
    Object keys = jwks.getValue("keys");
    if (!(keys instanceof JsonArray)) {
      throw new IllegalArgumentException("JWKS document has no keys array");
    }
    Map<String, PublicKey> result = new LinkedHashMap<>();
    for (Object entry : (JsonArray) keys) {
      if (!(entry instanceof JsonObject)) {
        log.warn("Skipping a JWKS entry that is not a JSON object");
        continue;
      }
      JsonObject jwk = (JsonObject) entry;
      String kid = stringOrNull(jwk, "kid");
      if (kid == null || kid.isBlank()) {
        log.warn("Skipping a JWK without kid");
        continue;
      }
      String problem = unusableReason(jwk);
      if (problem != null) {
        log.warn("Skipping JWK kid={}: {}", printable(kid), problem);
        continue;
      }
      try {
        PublicKey key = rsaKey(jwk);
        if (result.putIfAbsent(kid, key) != null) {
          log.warn("Skipping duplicate JWK kid={}", printable(kid));
        }
      } catch (GeneralSecurityException | IllegalArgumentException e) {
        log.warn("Skipping JWK kid={}: unparseable RSA key ({})", printable(kid), e.getClass().getSimpleName());
      }
    }
    return result;
  }

  private static String unusableReason(JsonObject jwk) {
    if (!"RSA".equals(stringOrNull(jwk, "kty"))) {
      return "not an RSA key";
    }
    Object use = jwk.getValue("use");
    if (use != null && !"sig".equals(use)) {
      return "use is not sig";
    }
    if (stringOrNull(jwk, "n") == null || stringOrNull(jwk, "e") == null) {
      return "missing n or e";
    }
    return null;
  }

  private static PublicKey rsaKey(JsonObject jwk) throws GeneralSecurityException {
    Base64.Decoder decoder = Base64.getUrlDecoder();
    BigInteger modulus = new BigInteger(1, decoder.decode(jwk.getString("n")));
    BigInteger exponent = new BigInteger(1, decoder.decode(jwk.getString("e")));
    if (modulus.bitLength() < MIN_MODULUS_BITS) {
      throw new IllegalArgumentException("modulus too short");
    }
    if (exponent.compareTo(BigInteger.ONE) <= 0 || !exponent.testBit(0)) {
      throw new IllegalArgumentException("bad exponent");
    }
    // KeyFactory instances are not thread-safe; one per parse is cheap next to a network fetch.
    return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
  }

  private static String stringOrNull(JsonObject json, String field) {
    Object value = json.getValue(field);
    return value instanceof String ? (String) value : null;
  }

  /** A kid comes from a remote document: keep log lines single and short. */
  static String printable(String kid) {
    String cleaned = kid.replaceAll("[^\\x20-\\x7e]", "?");
    return cleaned.length() > 64 ? cleaned.substring(0, 64) + "…" : cleaned;
  }
}
