package io.iamcore.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RolesTest {

  @Test
  void allows_exactRole_true() {
    for (String role : Roles.APP_ROLES) {
      assertThat(Roles.allows(Set.of(role), role)).as(role).isTrue();
    }
  }

  @Test
  void allows_administrator_grantsEveryAppRole() {
    for (String role : Roles.APP_ROLES) {
      assertThat(Roles.allows(Set.of(Roles.ADMINISTRATOR), role)).as(role).isTrue();
    }
  }

  @Test
  void allows_administratorForUnknownRole_false() {
    assertThat(Roles.allows(Set.of(Roles.ADMINISTRATOR), "iam-core.something-new.read.all")).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
      "iam-core.connector-configuration.readwrite.all, iam-core.connector-configuration.read.all, true",
      "iam-core.synchronization-configuration.readwrite.all, iam-core.synchronization-configuration.read.all, true",
      "iam-core.connector-configuration.read.all, iam-core.connector-configuration.readwrite.all, false",
      "iam-core.connector-configuration.readwrite.all, iam-core.synchronization-configuration.read.all, false",
      "iam-core.synchronization-configuration.readwrite.all, iam-core.connector-configuration.readwrite.all, false",
      "iam-core.connector-data.readwrite.self, iam-core.identity.resolve, false",
      "iam-core.identity.resolve, iam-core.connector-data.readwrite.self, false",
      "administrator, iam-core.identity.resolve, false",
      "IAM-CORE.IDENTITY.RESOLVE, iam-core.identity.resolve, false",
  })
  void allows_heldRoleVersusRequired_asSpecified(String held, String required, boolean allowed) {
    assertThat(Roles.allows(Set.of(held), required)).isEqualTo(allowed);
  }

  @Test
  void allows_noRolesOrNulls_false() {
    assertThat(Roles.allows(Set.of(), Roles.IDENTITY_RESOLVE)).isFalse();
    assertThat(Roles.allows(null, Roles.IDENTITY_RESOLVE)).isFalse();
    assertThat(Roles.allows(Set.of(Roles.ADMINISTRATOR), null)).isFalse();
  }

  @Test
  void verifiedTokenAllows_delegatesToRoles() {
    VerifiedToken token = new VerifiedToken("t", null, null, null,
        Set.of(Roles.CONNECTOR_CONFIGURATION_READWRITE), Instant.EPOCH,
        new JsonObject());

    assertThat(token.allows(Roles.CONNECTOR_CONFIGURATION_READ)).isTrue();
    assertThat(token.allows(Roles.IDENTITY_RESOLVE)).isFalse();
  }
}
