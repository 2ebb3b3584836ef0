package io.iamcore.auth;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Map;

/**
 * The signature algorithms we accept, by their JWS {@code alg} name (RFC 7518 §3.3 and §3.5).
 * Only RSA ones: Entra signs with RSA, and an allow-list of one key type is what stops the
 * classic confusions ({@code none}, or HS256 keyed with the public key).
 */
enum JwsAlgorithm {
  RS256("SHA256withRSA", null),
  RS384("SHA384withRSA", null),
  RS512("SHA512withRSA", null),
  PS256("RSASSA-PSS", pss("SHA-256", MGF1ParameterSpec.SHA256, 32)),
  PS384("RSASSA-PSS", pss("SHA-384", MGF1ParameterSpec.SHA384, 48)),
  PS512("RSASSA-PSS", pss("SHA-512", MGF1ParameterSpec.SHA512, 64));

  private static final Map<String, JwsAlgorithm> BY_NAME = Map.of(
      "RS256", RS256, "RS384", RS384, "RS512", RS512,
      "PS256", PS256, "PS384", PS384, "PS512", PS512);

  private final String jcaName;
  private final PSSParameterSpec pssParameters;

  JwsAlgorithm(String jcaName, PSSParameterSpec pssParameters) {
    this.jcaName = jcaName;
    this.pssParameters = pssParameters;
  }

  /** The algorithm named exactly {@code alg} (case-sensitive, as RFC 7515 says), or null. */
  static JwsAlgorithm byName(String alg) {
    return alg == null ? null : BY_NAME.get(alg);
  }

  /** Whether {@code signature} is this algorithm's signature of {@code signingInput} by {@code key}. */
  boolean verify(PublicKey key, byte[] signingInput, byte[] signature)
      throws GeneralSecurityException {
    // Signature objects are stateful and not thread-safe; a fresh one per call is cheap.
    Signature verifier = Signature.getInstance(jcaName);
    if (pssParameters != null) {
      verifier.setParameter(pssParameters);
    }
    verifier.initVerify(key);
    verifier.update(signingInput);
    return verifier.verify(signature);
  }

  /** RFC 7518 §3.5: MGF1 with the same hash, salt as long as the hash, trailer field 1. */
  private static PSSParameterSpec pss(String hash, MGF1ParameterSpec mgf, int saltLength) {
    return new PSSParameterSpec(hash, "MGF1", mgf, saltLength, PSSParameterSpec.TRAILER_FIELD_BC);
  }
}
