package io.iamcore.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class VerifiedTokenTest {

  private static VerifiedToken withTid(String tid) {
    return new VerifiedToken(tid, "oid", null, null, Set.of(), Instant.EPOCH, new JsonObject());
  }

  @Test
  void tenant_canonicalTid_isItsUuid_inAnyCase() {
    UUID tenant = UUID.fromString("7d3c2b1a-0000-4000-8000-00000000be4c");

    assertThat(withTid("7d3c2b1a-0000-4000-8000-00000000be4c").tenant()).isEqualTo(tenant);
    assertThat(withTid("7D3C2B1A-0000-4000-8000-00000000BE4C").tenant()).isEqualTo(tenant);
  }

  @Test
  void tenant_shortenedOrNonUuidTid_isNull() {
    // UUID.fromString reads "1-1-1-1-1" as 00000001-0001-0001-0001-000000000001: two tid strings
    // would name one tenant.
    assertThat(withTid("1-1-1-1-1").tenant()).isNull();
    assertThat(withTid("contoso").tenant()).isNull();
    assertThat(withTid("").tenant()).isNull();
  }

  @Test
  void tenant_givenExplicitly_mustMatchTheTid() {
    UUID other = UUID.randomUUID();

    assertThatThrownBy(() -> new VerifiedToken("7d3c2b1a-0000-4000-8000-00000000be4c", null, null, null,
        Set.of(), Instant.EPOCH, new JsonObject(), other))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
