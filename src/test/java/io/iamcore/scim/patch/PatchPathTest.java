package io.iamcore.scim.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iamcore.scim.ScimException;
import io.iamcore.scim.filter.AttrPath;
import io.iamcore.scim.filter.Filter;
import io.iamcore.scim.filter.Op;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PatchPathTest {

  private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

  private static Filter eq(String attribute, String value) {
    return new Filter.Compare(AttrPath.of(attribute), Op.EQ, value);
  }

  static Stream<Arguments> paths() {
    return Stream.of(
        Arguments.of("userName", new PatchPath(AttrPath.of("userName"), null)),
        Arguments.of("name.familyName", new PatchPath(AttrPath.of("name", "familyName"), null)),
        Arguments.of(ENTERPRISE + ":employeeNumber", new PatchPath(new AttrPath(ENTERPRISE, "employeeNumber", null), null)),
        Arguments.of(ENTERPRISE + ":manager.value", new PatchPath(new AttrPath(ENTERPRISE, "manager", "value"), null)),
        Arguments.of("emails[type eq \"work\"]", new PatchPath(AttrPath.of("emails"), eq("type", "work"))),
        Arguments.of("emails[type eq \"work\"].value", new PatchPath(AttrPath.of("emails", "value"), eq("type", "work"))),
        Arguments.of("members[value eq \"a]b\"]", new PatchPath(AttrPath.of("members"), eq("value", "a]b"))),
        Arguments.of("manager[value eq \"c4a9\"]", new PatchPath(AttrPath.of("manager"), eq("value", "c4a9"))),
        Arguments.of(ENTERPRISE + ":manager[value eq \"c4a9\"].displayName",
            new PatchPath(new AttrPath(ENTERPRISE, "manager", "displayName"), eq("value", "c4a9"))),
        Arguments.of("addresses[type eq \"work\" and primary eq true].locality",
            new PatchPath(AttrPath.of("addresses", "locality"),
                new Filter.And(eq("type", "work"), new Filter.Compare(AttrPath.of("primary"), Op.EQ, true)))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("paths")
  void parse_validPath_buildsExpected(String text, PatchPath expected) {
    PatchPath parsed = PatchPath.parse(text);
    assertThat(parsed).isEqualTo(expected);
    assertThat(PatchPath.parse(parsed.toString())).isEqualTo(parsed);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {
      "", " ", "emails[type eq \"work\"", "emails[type eq]", "name.givenName[type eq \"x\"]",
      "emails[type eq \"x\"]value", "emails[type eq \"x\"].value.x", "emails[a[b pr]]",
      "emails[type eq \"x\"].", "9emails", "emails]", "emails[]"})
  void parse_invalidPath_throwsInvalidPath(String text) {
    assertThatThrownBy(() -> PatchPath.parse(text))
        .isInstanceOfSatisfying(ScimException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.scimType()).isEqualTo("invalidPath");
        });
  }
}
