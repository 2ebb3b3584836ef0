import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.UUID;

/**
 * Local signing keys for the load scenarios, JDK only. Writes into {@code <dir>}:
 * {@code jwks.json} (the public key; start the gateway with IAMCORE_JWKS_URI=file://<dir>/jwks.json),
 * {@code private.pk8} (the private key, PKCS#8 DER, Base64) and {@code kid.txt}. The simulations
 * read the last two to mint admin, SCIM and /identities/me tokens for as many tenants and oids
 * as they need; the gateway then verifies them exactly as it verifies Entra's.
 *
 * <p>Usage: {@code java perf/gatling/tools/LocalKeys.java <dir>}
 */
public class LocalKeys {

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: java perf/gatling/tools/LocalKeys.java <dir>");
      System.exit(2);
    }
    Path dir = Files.createDirectories(Path.of(args[0]));
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair pair = generator.generateKeyPair();
    RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
    String kid = "gatling-" + UUID.randomUUID().toString().substring(0, 8);
    String jwks = "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + kid
        + "\",\"n\":\"" + b64(unsigned(pub.getModulus())) + "\",\"e\":\""
        + b64(unsigned(pub.getPublicExponent())) + "\"}]}\n";
    Files.writeString(dir.resolve("jwks.json"), jwks, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("kid.txt"), kid + "\n", StandardCharsets.UTF_8);
    Path privateKey = dir.resolve("private.pk8");
    Files.writeString(privateKey,
        Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n", StandardCharsets.UTF_8);
    privateKey.toFile().setReadable(false, false);
    privateKey.toFile().setReadable(true, true);
    System.out.println(dir.resolve("jwks.json"));
  }

  private static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Big-endian magnitude without the sign byte BigInteger may prepend. */
  private static byte[] unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes.length > 1 && bytes[0] == 0) {
      byte[] trimmed = new byte[bytes.length - 1];
      System.arraycopy(bytes, 1, trimmed, 0, trimmed.length);
      return trimmed;
    }
    return bytes;
  }
}
