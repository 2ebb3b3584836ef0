import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Benchmark credentials, JDK only: generates an RSA-2048 key, writes {@code <outdir>/jwks.json}
 * (the public key, for IAMCORE_JWKS_URI=file://...) and prints an RS256 admin token (role
 * Administrator) shaped like an Entra v1 access token.
 *
 * <p>Usage: {@code java perf/tools/BenchTokens.java <outdir> [audience] [hours] [tenant oids-file]}
 * (audience defaults to api://iamcore-bench, validity to 6 hours). With a tenant and a file of
 * oids (one per line), the admin token is of that tenant, and {@code <outdir>/tokens.txt} gets one
 * user token (no roles, as a downstream API would forward) per oid, in the file's order: what
 * perf/identity-bench.sh cycles through against {@code /identities/me}.
 */
public class BenchTokens {

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: java perf/tools/BenchTokens.java <outdir> [audience] [hours]");
      System.exit(2);
    }
    Path out = Path.of(args[0]);
    String audience = args.length > 1 ? args[1] : "api://iamcore-bench";
    long hours = args.length > 2 ? Long.parseLong(args[2]) : 6;
    Files.createDirectories(out);

    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair pair = generator.generateKeyPair();
    RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
    String kid = "bench-" + UUID.randomUUID().toString().substring(0, 8);

    String jwks = "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + kid
        + "\",\"n\":\"" + b64(unsigned(pub.getModulus())) + "\",\"e\":\""
        + b64(unsigned(pub.getPublicExponent())) + "\"}]}";
    write(out.resolve("jwks.json"), jwks);

    String tid = args.length > 3 ? args[3] : UUID.randomUUID().toString();
    long exp = System.currentTimeMillis() / 1000 + hours * 3600;
    System.out.println(sign(pair, kid, claims(audience, tid, exp, UUID.randomUUID().toString(), "bench-admin",
        ",\"roles\":[\"Administrator\"]")));
    if (args.length > 4) {
      List<String> oids = Files.readAllLines(Path.of(args[4])).stream().filter(l -> !l.isBlank()).toList();
      // RSA signing is ~1 ms a token: use every core, keep the file's order.
      String tokens = oids.parallelStream()
          .map(oid -> sign(pair, kid, claims(audience, tid, exp, oid, oid, "")))
          .collect(Collectors.joining("\n"));
      write(out.resolve("tokens.txt"), tokens);
      System.err.println("wrote " + oids.size() + " user tokens to " + out.resolve("tokens.txt"));
    }
  }

  /** An Entra v1 access token's claims (the shape the gateway checks). */
  private static String claims(String audience, String tid, long exp, String oid, String sub, String extra) {
    long now = System.currentTimeMillis() / 1000;
    return "{\"aud\":\"" + audience + "\",\"iss\":\"https://sts.windows.net/" + tid + "/\""
        + ",\"iat\":" + (now - 60) + ",\"nbf\":" + (now - 60) + ",\"exp\":" + exp
        + ",\"tid\":\"" + tid + "\",\"oid\":\"" + oid + "\",\"sub\":\"" + sub + "\"" + extra + "}";
  }

  private static String sign(KeyPair pair, String kid, String claims) {
    try {
      String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}";
      String input = b64(header.getBytes(StandardCharsets.UTF_8)) + "."
          + b64(claims.getBytes(StandardCharsets.UTF_8));
      Signature signer = Signature.getInstance("SHA256withRSA");
      signer.initSign(pair.getPrivate());
      signer.update(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + b64(signer.sign());
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
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

  private static void write(Path path, String text) throws IOException {
    Files.writeString(path, text + "\n", StandardCharsets.UTF_8);
  }
}
