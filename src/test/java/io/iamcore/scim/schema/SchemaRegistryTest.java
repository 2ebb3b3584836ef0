package io.iamcore.scim.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamcore.scim.filter.AttrPath;
import io.iamcore.scim.filter.CaseExactness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchemaRegistryTest {

  private static final SchemaRegistry REGISTRY = SchemaRegistry.rfc7643();
  private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

  @ParameterizedTest(name = "{0} caseExact={1}")
  @CsvSource({
      "id, true",
      "externalId, true",
      "EXTERNALID, true",
      "userName, false",
      "displayName, false",
      "emails.value, false",
      "emails.type, false",
      "groups.value, true",
      "groups.$ref, true",
      "meta.version, true",
      "meta.location, true",
      "manager, true",
      "manager.value, true",
      "x509Certificates.value, true",
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value, true",
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber, false",
      "unknownAttribute, false",
      "unknown.$ref, true"})
  void caseExactness_followsTheDefinitions(String path, boolean caseExact) {
    CaseExactness rules = REGISTRY.caseExactness(CoreSchemas.USER_TYPE);
    assertThat(rules.isCaseExact(AttrPath.parse(path))).isEqualTo(caseExact);
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
      "userName, " + "urn:ietf:params:scim:schemas:core:2.0:User",
      "urn:ietf:params:scim:schemas:core:2.0:User:name.givenName, urn:ietf:params:scim:schemas:core:2.0:User",
      "employeeNumber, " + ENTERPRISE,
      ENTERPRISE + ":manager.displayName, " + ENTERPRISE})
  void resolve_findsTheDefiningSchema(String path, String schema) {
    assertThat(REGISTRY.resolve(CoreSchemas.USER_TYPE, AttrPath.parse(path)))
        .hasValueSatisfying(r -> assertThat(r.schema().id()).isEqualTo(schema));
  }

  @ParameterizedTest
  @CsvSource({"shoeSize", "name.nickname", "urn:example:other:User:userName", "members"})
  void resolve_unknown_empty(String path) {
    assertThat(REGISTRY.resolve(CoreSchemas.USER_TYPE, AttrPath.parse(path))).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void neverReturned_isPassword() {
    assertThat(REGISTRY.neverReturned(CoreSchemas.USER_TYPE)).containsExactly("password");
  }

  @org.junit.jupiter.api.Test
  void groupMembersValue_isCaseExact() {
    assertThat(REGISTRY.caseExactness(CoreSchemas.GROUP_TYPE).isCaseExact(AttrPath.of("members", "value"))).isTrue();
    assertThat(REGISTRY.caseExactness(CoreSchemas.GROUP_TYPE).isCaseExact(AttrPath.of("displayName"))).isFalse();
  }
}
