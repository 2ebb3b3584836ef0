package io.iamcore.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevSigningKeyTest {

  @Test
  void loadOrCreate_emptyDir_createsPrivateRsa2048KeyAndJwks(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    DevSigningKey key = DevSigningKey.loadOrCreate(data);

    Path file = data.resolve(DevSigningKey.KEY_FILE);
    assertThat(Files.readString(file)).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(key.publicKey().getModulus().bitLength()).isEqualTo(2048);
    JsonObject jwks = new JsonObject(Files.readString(data.resolve(DevSigningKey.JWKS_FILE)));
    assertThat(jwks.getJsonArray("keys").getJsonObject(0).getString("kid")).isEqualTo(key.kid());
    assertThat(jwks.encode()).doesNotContain("\"d\"");
    assertThat(data.resolve(DevSigningKey.KEY_FILE + ".tmp")).doesNotExist();
  }

  @Test
  void loadOrCreate_again_sameKeyAndKid(@TempDir Path dir) {
    DevSigningKey first = DevSigningKey.loadOrCreate(dir);
    DevSigningKey second = DevSigningKey.loadOrCreate(dir);
    assertThat(second.kid()).isEqualTo(first.kid());
    assertThat(second.publicKey().getModulus()).isEqualTo(first.publicKey().getModulus());
  }

  @Test
  void verificationKeys_verifyWhatThePrivateKeySigns(@TempDir Path dir) throws Exception {
    DevSigningKey key = DevSigningKey.loadOrCreate(dir);
    Signature signer = Signature.getInstance("SHA256withRSA");
    signer.initSign(key.privateKey());
    signer.update(new byte[] {1, 2, 3});
    byte[] signature = signer.sign();

    Signature verifier = Signature.getInstance("SHA256withRSA");
    verifier.initVerify(key.verificationKeys().get(key.kid()));
    verifier.update(new byte[] {1, 2, 3});
    assertThat(verifier.verify(signature)).isTrue();
    assertThat(((RSAPublicKey) key.verificationKeys().get(key.kid())).getModulus())
        .isEqualTo(key.publicKey().getModulus());
  }

  @Test
  void load_worldReadableKey_tightenedTo600(@TempDir Path dir) throws Exception {
    DevSigningKey.loadOrCreate(dir);
    Path file = dir.resolve(DevSigningKey.KEY_FILE);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    DevSigningKey.load(dir);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
  }

  @Test
  void load_noKey_saysHowToGetOne(@TempDir Path dir) {
    assertThatThrownBy(() -> DevSigningKey.load(dir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no development signing key at " + dir.resolve(DevSigningKey.KEY_FILE))
        .hasMessageContaining("IAMCORE_DEV_MODE=true");
  }

  @Test
  void load_notAKey_clearError(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve(DevSigningKey.KEY_FILE), "hello");
    assertThatThrownBy(() -> DevSigningKey.load(dir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is not a PKCS#8 PEM private key");
  }
}
