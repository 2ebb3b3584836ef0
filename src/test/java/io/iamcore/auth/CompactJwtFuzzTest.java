package io.iamcore.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/** The JWT front door: any bearer text parses or is refused as unauthenticated, nothing else. */
class CompactJwtFuzzTest {

  @FuzzTest(maxDuration = "120s")
  void parse_anyToken_parsedOrRefused(byte[] data) {
    String token = new String(data, StandardCharsets.UTF_8);
    try {
      assertThat(CompactJwt.parse(token)).isNotNull();
    } catch (AuthenticationException e) {
      assertThat(e.reason()).isNotBlank();
    }
  }
}
