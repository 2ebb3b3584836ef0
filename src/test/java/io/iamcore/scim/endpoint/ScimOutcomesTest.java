package io.iamcore.scim.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScimOutcomesTest {

  @ParameterizedTest
  @CsvSource({
      "/iamcore/beta/sync/connectors/c/scim/Users, Users",
      "/iamcore/beta/sync/connectors/c/scim/Users/u-1, Users",
      "/iamcore/beta/sync/connectors/c/scim/Users/.search, Users",
      "/iamcore/beta/sync/connectors/c/scim/.search, .search",
      "/iamcore/beta/sync/connectors/c/scim/Schemas/urn:x, Schemas",
      "/iamcore/beta/sync/connectors/c/scim/Whatever-an-attacker-sends, other",
      "/iamcore/beta/sync/connectors/c/scim/, root",
      "/iamcore/beta/sync/connectors/c/scim, root",
  })
  void resource_path_boundedLabel(String path, String expected) {
    assertThat(ScimOutcomes.resource(path)).isEqualTo(expected);
  }
}
