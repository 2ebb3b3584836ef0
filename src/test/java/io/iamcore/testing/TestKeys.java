package io.iamcore.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

/**
 * An RSA 2048 signing key pair with a {@code kid}, as Entra would publish it. Generating one takes
 * ~100 ms, so test classes keep theirs in a static field.
 */
public final class TestKeys {

  private final String kid;
  private final RSAPublicKey publicKey;
  private final RSAPrivateKey privateKey;

  private TestKeys(String kid, KeyPair pair) {
    this.kid = kid;
    this.publicKey = (RSAPublicKey) pair.getPublic();
    this.privateKey = (RSAPrivateKey) pair.getPrivate();
  }

  /** A new key pair with a random kid. */
  public static TestKeys generate() {
    return generate("test-" + UUID.randomUUID());
  }

  public static TestKeys generate(String kid) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return new TestKeys(kid, generator.generateKeyPair());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public String kid() {
    return kid;
  }

  public RSAPublicKey publicKey() {
    return publicKey;
  }

  public RSAPrivateKey privateKey() {
    return privateKey;
  }

  /** The public key as a JWK: {@code {"kty":"RSA","use":"sig","kid","n","e"}}. */
  public JsonObject jwk() {
    return new JsonObject()
        .put("kty", "RSA")
        .put("use", "sig")
        .put("kid", kid)
        .put("n", base64Url(publicKey.getModulus()))
        .put("e", base64Url(publicKey.getPublicExponent()));
  }

  /** A JWK Set holding only this key. */
  public JsonObject jwks() {
    return jwks(this);
  }

  /** A JWK Set holding {@code keys}, e.g. old and new during a rotation. */
  public static JsonObject jwks(TestKeys... keys) {
    JsonArray array = new JsonArray();
    for (TestKeys key : keys) {
      array.add(key.jwk());
    }
    return new JsonObject().put("keys", array);
  }

  /** Unsigned big-endian, as RFC 7518 §6.3.1 wants: no leading sign byte. */
  private static String base64Url(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes.length > 1 && bytes[0] == 0) {
      bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
