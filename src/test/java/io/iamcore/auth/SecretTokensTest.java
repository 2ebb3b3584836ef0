package io.iamcore.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretTokensTest {

  private final SecretTokens tokens = new SecretTokens(new SecureRandom());

  @Test
  void generate_always_prefixedUrlSafe256BitToken() {
    String token = tokens.generate();

    assertThat(token).startsWith("iamcs_").matches("iamcs_[A-Za-z0-9_-]{43}");
  }

  @Test
  void generate_manyTimes_neverRepeats() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1_000; i++) {
      seen.add(tokens.generate());
    }

    assertThat(seen).hasSize(1_000);
  }

  @Test
  void generate_fixedRandomSource_usesItsBytes() {
    SecureRandom zeros = new SecureRandom() {
      @Override
      public void nextBytes(byte[] bytes) {
        Arrays.fill(bytes, (byte) 0);
      }
    };

    assertThat(new SecretTokens(zeros).generate()).isEqualTo("iamcs_" + "A".repeat(43));
  }

  @Test
  void hash_token_isSha256OfItsUtf8Bytes() throws Exception {
    String token = tokens.generate();

    assertThat(tokens.hash(token)).isEqualTo(
        MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void matches_sameToken_true() {
    String token = tokens.generate();

    assertThat(tokens.matches(token, tokens.hash(token))).isTrue();
  }

  @Test
  void matches_otherTokenOrAlteredToken_false() {
    String token = tokens.generate();
    byte[] stored = tokens.hash(token);

    assertThat(tokens.matches(tokens.generate(), stored)).isFalse();
    assertThat(tokens.matches(token + "x", stored)).isFalse();
    assertThat(tokens.matches(token.substring(1), stored)).isFalse();
  }

  @Test
  void matches_nullOrEmptyInput_false() {
    String token = tokens.generate();

    assertThat(tokens.matches(null, tokens.hash(token))).isFalse();
    assertThat(tokens.matches(token, null)).isFalse();
    assertThat(tokens.matches(token, new byte[0])).isFalse();
    assertThat(tokens.matches("", tokens.hash(token))).isFalse();
  }
}
