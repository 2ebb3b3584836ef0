package io.iamcore.perf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.UUID;

/**
 * Mints Entra-shaped v1 access tokens (RS256, {@code iss=https://sts.windows.net/{tid}/}) with the
 * key tools/LocalKeys.java wrote, which the gateway trusts through its file JWKS.
 */
public final class Tokens {

  private static final long VALIDITY_SECONDS = 6 * 3600;

  private final PrivateKey key;
  private final String kid;
  private final String audience;

  private Tokens(PrivateKey key, String kid, String audience) {
    this.key = key;
    this.kid = kid;
    this.audience = audience;
  }

  public static Tokens load(Settings settings) {
    Path dir = settings.keys();
    try {
      byte[] der = Base64.getDecoder().decode(Files.readString(dir.resolve("private.pk8")).trim());
      PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
      return new Tokens(key, Files.readString(dir.resolve("kid.txt")).trim(), settings.apiAudience());
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot read the signing key in " + dir.toAbsolutePath()
          + " (write it with: java perf/gatling/tools/LocalKeys.java " + dir + ")", e);
    }
  }

  /** A token with the Administrator role of tenant {@code tid}: the admin API's caller. */
  public String administrator(String tid) {
    return sign(tid, UUID.randomUUID().toString(), ",\"roles\":[\"Administrator\"]");
  }

  /** A user's token of tenant {@code tid} with object id {@code oid}: what /identities/me receives. */
  public String user(String tid, String oid) {
    return sign(tid, oid, "");
  }

  private String sign(String tid, String oid, String extraClaims) {
    long now = System.currentTimeMillis() / 1000;
    String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}";
    String claims = "{\"aud\":\"" + audience + "\",\"iss\":\"https://sts.windows.net/" + tid + "/\""
        + ",\"iat\":" + (now - 60) + ",\"nbf\":" + (now - 60) + ",\"exp\":" + (now + VALIDITY_SECONDS)
        + ",\"tid\":\"" + tid + "\",\"oid\":\"" + oid + "\",\"sub\":\"" + oid + "\"" + extraClaims + "}";
    String input = b64(header.getBytes(StandardCharsets.UTF_8)) + "." + b64(claims.getBytes(StandardCharsets.UTF_8));
    try {
      Signature signer = Signature.getInstance("SHA256withRSA");
      signer.initSign(key);
      signer.update(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + b64(signer.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("signing failed", e);
    }
  }

  private static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
