package io.iamcore.scim.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iamcore.scim.ScimException;
import io.iamcore.scim.filter.FilterParser;
import io.iamcore.scim.schema.CoreSchemas;
import io.iamcore.scim.schema.SchemaRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SQL translation without a database: what is bound, what is escaped, what is refused. */
class FilterSqlTest {

  private static final SchemaRegistry REGISTRY = SchemaRegistry.rfc7643();

  private record Translated(String sql, List<Object> params) {}

  private static Translated translate(String filter) {
    SqlParams params = new SqlParams(4);
    String sql = new FilterSql(REGISTRY, CoreSchemas.USER_TYPE, params).where(FilterParser.parse(filter));
    return new Translated(sql, params.values());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "displayName eq \"x'); DROP TABLE cs_object; --\"",
      "emails[value co \"'||pg_sleep(10)||'\"]",
      "urn:evil:x:User:foo eq \"bar\"",
      "title sw \"$1\""})
  void where_clientValues_onlyInParameters(String filter) {
    Translated t = translate(filter);
    assertThat(t.sql()).doesNotContain("DROP", "pg_sleep", "evil", "bar", "'$1");
    assertThat(t.params()).isNotEmpty();
  }

  @Test
  void where_co_escapesLikeWildcards() {
    Translated t = translate("displayName co \"50%_off\\\\\"");
    assertThat(t.sql()).contains("LIKE lower(").contains("ESCAPE '\\'");
    assertThat(t.params()).contains("%50\\%\\_off\\\\%");
  }

  @Test
  void where_fullwidthWildcards_normalisedBeforeEscaping() {
    Translated t = translate("displayName sw \"\uFF05\"");  // fullwidth percent sign
    assertThat(t.params()).contains("\\%%");
  }

  @Test
  void where_userName_usesCanonicalNameKey() {
    Translated t = translate("userName eq \"\uFF21DA@X\"");
    assertThat(t.sql()).contains("name_key = $");
    assertThat(t.params()).containsExactly("ada@x");
  }

  @Test
  void where_externalId_caseExactColumn() {
    Translated t = translate("externalId sw \"Ab\"");
    assertThat(t.sql()).contains("external_id LIKE $4::text").doesNotContain("lower(");
    assertThat(t.params()).containsExactly("Ab%");
  }

  @Test
  void where_valuePath_oneElementForBothConditions() {
    Translated t = translate("emails[type eq \"work\" and value co \"@x\"]");
    assertThat(t.sql()).startsWith("EXISTS (SELECT 1 FROM jsonb_array_elements(");
    assertThat(t.sql().split("jsonb_array_elements", -1)).hasSize(2);
  }

  @Test
  void where_notAndNe_areTwoValued() {
    assertThat(translate("title ne \"x\"").sql()).startsWith("(NOT coalesce(");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "active gt true", "active eq 1", "meta.created sw \"2020\"", "meta.created eq \"soon\"",
      "password pr", "meta.location eq \"x\"", "x509Certificates.value gt \"a\"", "name eq \"x\"",
      "emails[type eq \"work\"] and title lt null"})
  void where_inapplicable_invalidFilter(String filter) {
    assertThatThrownBy(() -> translate(filter))
        .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.scimType()).isEqualTo("invalidFilter"));
  }

  @Test
  void orderBy_tieBreaksById() {
    SqlParams params = new SqlParams(4);
    assertThat(SortSql.orderBy(REGISTRY, CoreSchemas.USER_TYPE, "meta.lastModified", true, params))
        .isEqualTo("updated_at DESC, id");
    assertThat(SortSql.orderBy(REGISTRY, CoreSchemas.USER_TYPE, "USERNAME", false, params))
        .isEqualTo("name_key COLLATE \"C\" ASC, id");
  }
}
