package io.iamcore.scim.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iamcore.scim.ScimException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class AttrPathTest {

  static Stream<Arguments> paths() {
    String ent = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    return Stream.of(
        Arguments.of("userName", new AttrPath(null, "userName", null)),
        Arguments.of("name.givenName", new AttrPath(null, "name", "givenName")),
        Arguments.of(ent + ":employeeNumber", new AttrPath(ent, "employeeNumber", null)),
        Arguments.of(ent + ":manager.value", new AttrPath(ent, "manager", "value")),
        Arguments.of("URN:ietf:params:scim:schemas:core:2.0:User:userName",
            new AttrPath("URN:ietf:params:scim:schemas:core:2.0:User", "userName", null)),
        Arguments.of("members.$ref", new AttrPath(null, "members", "$ref")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("paths")
  void parse_validPath_splitsUrnAttributeAndSub(String text, AttrPath expected) {
    AttrPath parsed = AttrPath.parse(text);
    assertThat(parsed).isEqualTo(expected);
    assertThat(parsed.toString()).isEqualTo(text);
  }

  @ParameterizedTest(name = "[{index}] '{0}'")
  @ValueSource(strings = {"", "a.b.c", "1abc", "a:b", "urn:", "name.", ".name", "a b", "$"})
  void parse_invalidPath_throwsInvalidPath(String text) {
    assertThatThrownBy(() -> AttrPath.parse(text))
        .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.scimType()).isEqualTo("invalidPath"));
  }

  @Test
  void matches_differentCase_isTrue() {
    assertThat(AttrPath.parse("NAME.GIVENNAME").matches(AttrPath.of("name", "givenName"))).isTrue();
    assertThat(AttrPath.parse("NAME.GIVENNAME").normalized()).isEqualTo("name.givenname");
    assertThat(AttrPath.parse("name").matches(AttrPath.of("name", "givenName"))).isFalse();
    assertThat(AttrPath.parse("USERNAME").isAttribute("userName")).isTrue();
  }
}
