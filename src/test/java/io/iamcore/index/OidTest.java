package io.iamcore.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OidTest {

  @Test
  void of_lowercaseCanonicalGuid_isItsBits() {
    for (int i = 0; i < 1000; i++) {
      UUID guid = UUID.randomUUID();

      Oid oid = Oid.of(guid.toString());

      assertThat(oid.text()).isNull();
      assertThat(oid.hi()).isEqualTo(guid.getMostSignificantBits());
      assertThat(oid.lo()).isEqualTo(guid.getLeastSignificantBits());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "6F1B2C3D-0000-4000-8000-00000000BE4C",  // upper case: another string, so another oid
      "6f1b2c3d-0000-4000-8000-00000000be4",
      "6f1b2c3d-0000-4000-8000-00000000be4cc",
      "6f1b2c3d00000-4000-8000-00000000be4c",
      "6f1b2c3d-0000-4000-8000_00000000be4c",
      "6f1b2c3d-0000-4000-8000-00000000be4g",
      "{6f1b2c3d-0000-4000-8000-00000000be}",
      "not-a-guid",
      ""})
  void of_anyOtherSpelling_keepsItsText(String text) {
    Oid oid = Oid.of(text);

    assertThat(oid.text()).isEqualTo(text);
    assertThat(oid.hi()).isZero();
    assertThat(oid.lo()).isZero();
  }

  @Test
  void hash_sameOidDifferentTenant_differs() {
    Oid oid = Oid.of("6f1b2c3d-0000-4000-8000-00000000be4c");

    assertThat(oid.hash(UUID.randomUUID())).isNotEqualTo(oid.hash(UUID.randomUUID()));
  }
}
