package io.iamcore.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * Connector SCIM secret tokens: generated here, shown to the operator once, stored only as a hash.
 *
 * <p>The hash is a single SHA-256, not a slow password KDF: a token carries 256 bits from a
 * {@link SecureRandom}, so there is no dictionary to slow down and brute force is out of reach
 * anyway; a KDF would only add milliseconds to every SCIM request. SHA-256 of ~50 bytes takes
 * about a microsecond, so it runs on the event loop.
 */
public final class SecretTokens {

  /** Marks our tokens, so a leaked one is recognisable (and secret scanners can match it). */
  public static final String PREFIX = "iamcs_";
  private static final int RANDOM_BYTES = 32;

  private final SecureRandom random;

  public SecretTokens(SecureRandom random) {
    this.random = Objects.requireNonNull(random, "random");
  }

  /** A new token: {@value #PREFIX} then 32 random bytes in unpadded base64url (49 chars in all). */
  public String generate() {
    byte[] bytes = new byte[RANDOM_BYTES];
    random.nextBytes(bytes);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The value to store for {@code token}: SHA-256 of its UTF-8 bytes (32 bytes). */
  public byte[] hash(String token) {
    Objects.requireNonNull(token, "token");
    return sha256().digest(token.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Whether {@code presented} is the token whose hash is {@code storedHash}. Compares in constant
   * time so response timing reveals nothing about the stored hash; false for null input.
   */
  public boolean matches(String presented, byte[] storedHash) {
    if (presented == null || storedHash == null) {
      return false;
    }
    return MessageDigest.isEqual(hash(presented), storedHash);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
