package io.iamcore.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints Entra-like compact JWTs for tests, signed with plain JDK crypto (deliberately not sharing
 * code with the verifier, so a bug in one is not mirrored by the other).
 *
 * <p>Defaults: tenant {@link #DEFAULT_TENANT}, audience {@link #SCIM_AUDIENCE}, issuer
 * {@code https://sts.windows.net/{tid}/}, random {@code oid}/{@code sub}, {@code iat} and
 * {@code nbf} now, {@code exp} in one hour, RS256, the key's {@code kid}. "Now" is read from the
 * clock (default system) when the token is signed. A builder is mutable and may sign repeatedly.
 *
 * <pre>{@code
 * String token = TokenMinter.forKey(keys).tenant(tid).audience(api).roles(Roles.IDENTITY_RESOLVE).sign();
 * }</pre>
 */
public final class TokenMinter {

  public static final String DEFAULT_TENANT = "6e3bd6a1-0c1a-4b3e-9a27-3f1b2c4d5e6f";
  public static final String SCIM_AUDIENCE = "8adf8e6e-67b2-4cf2-a259-e3dc5476c621";
  public static final String V1_ISSUER = "https://sts.windows.net/{tid}/";
  public static final String V2_ISSUER = "https://login.microsoftonline.com/{tid}/v2.0";

  private final TestKeys keys;
  private final Map<String, Object> extraClaims = new LinkedHashMap<>();
  private final Map<String, Object> extraHeader = new LinkedHashMap<>();
  private final Set<String> omitted = new HashSet<>();
  private Clock clock = Clock.systemUTC();
  private String tenant = DEFAULT_TENANT;
  private Object audience = SCIM_AUDIENCE;
  private String issuer = V1_ISSUER;
  private String oid = UUID.randomUUID().toString();
  private String subject = oid;
  private String appId;
  private String[] roles;
  private Duration expiresIn = Duration.ofHours(1);
  private Instant expiresAt;
  private Instant notBefore;
  private Instant issuedAt;
  private String alg = "RS256";
  private String kid;

  private TokenMinter(TestKeys keys) {
    this.keys = keys;
    this.kid = keys.kid();
  }

  public static TokenMinter forKey(TestKeys keys) {
    return new TokenMinter(keys);
  }

  /** The time base for iat, nbf and exp; use the verifier's clock. */
  public TokenMinter clock(Clock clock) {
    this.clock = clock;
    return this;
  }

  /** The {@code tid} claim; also substituted into the issuer. */
  public TokenMinter tenant(String tid) {
    this.tenant = tid;
    return this;
  }

  /** One audience gives a string {@code aud}, several an array. */
  public TokenMinter audience(String... audiences) {
    this.audience = audiences.length == 1 ? audiences[0] : new JsonArray(Arrays.asList(audiences));
    return this;
  }

  /** The {@code iss} claim; {@code {tid}} in it is replaced by the tenant. */
  public TokenMinter issuer(String issuer) {
    this.issuer = issuer;
    return this;
  }

  public TokenMinter oid(String oid) {
    this.oid = oid;
    return this;
  }

  public TokenMinter subject(String subject) {
    this.subject = subject;
    return this;
  }

  /** The client application, as {@code azp} (v2 style). */
  public TokenMinter appId(String appId) {
    this.appId = appId;
    return this;
  }

  public TokenMinter roles(String... roles) {
    this.roles = roles.clone();
    return this;
  }

  /** {@code exp} relative to the clock at signing; negative for an expired token. */
  public TokenMinter expiresIn(Duration expiresIn) {
    this.expiresIn = expiresIn;
    this.expiresAt = null;
    return this;
  }

  public TokenMinter expiresAt(Instant expiresAt) {
    this.expiresAt = expiresAt;
    return this;
  }

  public TokenMinter notBefore(Instant notBefore) {
    this.notBefore = notBefore;
    return this;
  }

  public TokenMinter issuedAt(Instant issuedAt) {
    this.issuedAt = issuedAt;
    return this;
  }

  /** The header {@code alg}; {@link #sign()} supports RS256/384/512 and PS256/384/512. */
  public TokenMinter alg(String alg) {
    this.alg = alg;
    return this;
  }

  public TokenMinter kid(String kid) {
    this.kid = kid;
    return this;
  }

  /** Any other claim (or overrides a default one). */
  public TokenMinter claim(String name, Object value) {
    extraClaims.put(name, value);
    omitted.remove(name);
    return this;
  }

  /** Any other header parameter (or overrides alg/kid/typ). */
  public TokenMinter header(String name, Object value) {
    extraHeader.put(name, value);
    omitted.remove(name);
    return this;
  }

  /** Leaves out claims or header parameters by name, e.g. {@code without("exp")}, {@code without("kid")}. */
  public TokenMinter without(String... names) {
    omitted.addAll(Arrays.asList(names));
    return this;
  }

  /** A token signed with the key pair under {@link #alg}. */
  public String sign() {
    String signingInput = signingInput(alg);
    return Credentials.remember(signingInput + "." + encode(rsaSignature(alg, signingInput)));
  }

  /** A forged {@code alg: none} token with an empty signature part ({@code header.payload.}). */
  public String unsigned() {
    return signingInput("none") + ".";
  }

  /** A forged HS256 token keyed with {@code secret}, e.g. the public key's encoded bytes. */
  public String signHs256(byte[] secret) {
    String signingInput = signingInput("HS256");
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return signingInput + "." + encode(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The claims {@link #sign()} would put in the token now. */
  public JsonObject claims() {
    Instant now = clock.instant();
    JsonObject claims = new JsonObject()
        .put("aud", audience)
        .put("iss", issuer.replace("{tid}", tenant))
        .put("iat", (issuedAt != null ? issuedAt : now).getEpochSecond())
        .put("nbf", (notBefore != null ? notBefore : now).getEpochSecond())
        .put("exp", (expiresAt != null ? expiresAt : now.plus(expiresIn)).getEpochSecond())
        .put("tid", tenant)
        .put("oid", oid)
        .put("sub", subject);
    if (appId != null) {
      claims.put("azp", appId);
    }
    if (roles != null) {
      claims.put("roles", new JsonArray(Arrays.asList(roles)));
    }
    extraClaims.forEach(claims::put);
    omitted.forEach(claims::remove);
    return claims;
  }

  private String signingInput(String headerAlg) {
    JsonObject header = new JsonObject().put("typ", "JWT").put("alg", headerAlg).put("kid", kid);
    extraHeader.forEach(header::put);
    omitted.forEach(header::remove);
    return encode(header.encode().getBytes(StandardCharsets.UTF_8))
        + "." + encode(claims().encode().getBytes(StandardCharsets.UTF_8));
  }

  private byte[] rsaSignature(String algorithm, String signingInput) {
    try {
      Signature signer = signer(algorithm);
      signer.initSign(keys.privateKey());
      signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signer.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Signature signer(String algorithm) throws GeneralSecurityException {
    switch (algorithm) {
      case "RS256": return Signature.getInstance("SHA256withRSA");
      case "RS384": return Signature.getInstance("SHA384withRSA");
      case "RS512": return Signature.getInstance("SHA512withRSA");
      case "PS256": return pss("SHA-256", MGF1ParameterSpec.SHA256, 32);
      case "PS384": return pss("SHA-384", MGF1ParameterSpec.SHA384, 48);
      case "PS512": return pss("SHA-512", MGF1ParameterSpec.SHA512, 64);
      default:
        throw new IllegalArgumentException(
            "sign() cannot make " + algorithm + "; use unsigned() or signHs256() for forgeries");
    }
  }

  private static Signature pss(String hash, MGF1ParameterSpec mgf, int saltLength)
      throws GeneralSecurityException {
    Signature signature = Signature.getInstance("RSASSA-PSS");
    signature.setParameter(new PSSParameterSpec(hash, "MGF1", mgf, saltLength, 1));
    return signature;
  }

  private static String encode(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
