package io.iamcore.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The local signing key of development mode ({@code IAMCORE_DEV_MODE=true}): an RSA 2048 key pair
 * the gateway creates once in its data directory ({@value #KEY_FILE}, PKCS#8 PEM, permissions
 * 600) and trusts in addition to the configured JWKS; {@code token mint} signs with the same file.
 * Its {@code kid} is the RFC 7638 thumbprint of the public key, so it is the same after every
 * restart and changes only with the key. The public half is also written as {@value #JWKS_FILE}
 * for other local services that want to trust the same tokens.
 *
 * <p>All methods do file I/O (and key generation takes ~100 ms): call them off the event loop.
 */
public final class DevSigningKey {

  public static final String KEY_FILE = "dev-signing-key.pem";
  public static final String JWKS_FILE = "dev-jwks.json";
  static final int KEY_BITS = 2048;

  private static final String PEM_BEGIN = "-----BEGIN PRIVATE KEY-----";
  private static final String PEM_END = "-----END PRIVATE KEY-----";
  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  private final String kid;
  private final RSAPrivateCrtKey privateKey;
  private final RSAPublicKey publicKey;

  private DevSigningKey(RSAPrivateCrtKey privateKey) throws GeneralSecurityException {
    this.privateKey = privateKey;
    this.publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
        .generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
    this.kid = thumbprint(publicKey);
  }

  /** The key in {@code dataDir}, created (with the directory) if there is none yet. */
  public static DevSigningKey loadOrCreate(Path dataDir) {
    Path file = dataDir.resolve(KEY_FILE);
    try {
      Files.createDirectories(dataDir);
      if (!Files.exists(file)) {
        create(file);
      }
      DevSigningKey key = load(dataDir);
      Files.writeString(dataDir.resolve(JWKS_FILE), key.jwks().encodePrettily() + "\n");
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the development signing key in " + dataDir, e);
    }
  }

  /**
   * The existing key in {@code dataDir}.
   *
   * @throws IllegalStateException when there is none or it cannot be read; the message says why
   */
  public static DevSigningKey load(Path dataDir) {
    Path file = dataDir.resolve(KEY_FILE);
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("no development signing key at " + file
          + " (a gateway started with IAMCORE_DEV_MODE=true and IAMCORE_DATA_DIR=" + dataDir + " creates it)");
    }
    try {
      tightenPermissions(file);
      String pem = Files.readString(file, StandardCharsets.US_ASCII);
      int begin = pem.indexOf(PEM_BEGIN);
      int end = pem.indexOf(PEM_END);
      if (begin < 0 || end < begin) {
        throw new IllegalStateException(file + " is not a PKCS#8 PEM private key");
      }
      byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + PEM_BEGIN.length(), end));
      RSAPrivateCrtKey key = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
          .generatePrivate(new PKCS8EncodedKeySpec(der));
      if (key.getModulus().bitLength() < KEY_BITS) {
        throw new IllegalStateException(file + " holds an RSA key shorter than " + KEY_BITS + " bits");
      }
      return new DevSigningKey(key);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
      throw new IllegalStateException(file + " is not an RSA private key (" + e.getClass().getSimpleName() + ")", e);
    }
  }

  public String kid() {
    return kid;
  }

  public RSAPrivateCrtKey privateKey() {
    return privateKey;
  }

  public RSAPublicKey publicKey() {
    return publicKey;
  }

  /** The public key as a JWK Set with one signing key. */
  public JsonObject jwks() {
    JsonObject jwk = new JsonObject().put("kty", "RSA").put("use", "sig").put("alg", "RS256").put("kid", kid)
        .put("n", base64Url(publicKey.getModulus())).put("e", base64Url(publicKey.getPublicExponent()));
    return new JsonObject().put("keys", new JsonArray().add(jwk));
  }

  /** The verification key by kid, parsed the same way as a downloaded JWKS. */
  public Map<String, PublicKey> verificationKeys() {
    return JwkSetParser.parse(jwks());
  }

  /** Writes a new key to a private temporary file, then moves it in place (never half a key). */
  private static void create(Path file) throws IOException {
    String pem;
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(KEY_BITS);
      byte[] der = generator.generateKeyPair().getPrivate().getEncoded();
      pem = PEM_BEGIN + "\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n" + PEM_END + "\n";
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM cannot generate RSA keys", e);
    }
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(temp);
    if (supportsPosix(file)) {
      Files.createFile(temp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    } else {
      Files.createFile(temp);
    }
    Files.writeString(temp, pem, StandardCharsets.US_ASCII);
    try {
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, file);
    } catch (FileAlreadyExistsException e) {
      Files.deleteIfExists(temp); // another process created it first; use theirs
    }
  }

  /** A key others can read is not private: take the group and other bits away. */
  private static void tightenPermissions(Path file) throws IOException {
    if (supportsPosix(file) && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
      Files.setPosixFilePermissions(file, OWNER_ONLY);
    }
  }

  private static boolean supportsPosix(Path file) {
    Path dir = file.toAbsolutePath().getParent();
    return dir != null && dir.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  /** RFC 7638: SHA-256 over the required members in lexicographic order, no whitespace. */
  private static String thumbprint(RSAPublicKey key) throws GeneralSecurityException {
    String canonical = "{\"e\":\"" + base64Url(key.getPublicExponent()) + "\",\"kty\":\"RSA\",\"n\":\""
        + base64Url(key.getModulus()) + "\"}";
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
  }

  /** Unsigned big-endian (RFC 7518 §6.3.1): no leading sign byte. */
  private static String base64Url(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes.length > 1 && bytes[0] == 0) {
      bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
