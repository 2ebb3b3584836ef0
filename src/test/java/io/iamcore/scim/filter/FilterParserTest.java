package io.iamcore.scim.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iamcore.scim.ScimException;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FilterParserTest {

  private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  private static final String CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:User";

  private static AttrPath p(String attribute) {
    return AttrPath.of(attribute);
  }

  private static Filter.Compare eq(String attribute, Object value) {
    return new Filter.Compare(p(attribute), Op.EQ, value);
  }

  static Stream<Arguments> validFilters() {
    return Stream.of(
        Arguments.of("userName eq \"bjensen\"", eq("userName", "bjensen")),
        Arguments.of("userName EQ \"bjensen\"", eq("userName", "bjensen")),
        Arguments.of("  userName   eq\t\"bjensen\"  ", eq("userName", "bjensen")),
        Arguments.of("userName eq\"x\"", eq("userName", "x")),
        Arguments.of("name.familyName co \"O'Malley\"",
            new Filter.Compare(AttrPath.of("name", "familyName"), Op.CO, "O'Malley")),
        Arguments.of("urn:ietf:params:scim:schemas:core:2.0:User:userName sw \"J\"",
            new Filter.Compare(new AttrPath(CORE_USER, "userName", null), Op.SW, "J")),
        Arguments.of(ENTERPRISE + ":manager.value eq \"m1\"",
            new Filter.Compare(new AttrPath(ENTERPRISE, "manager", "value"), Op.EQ, "m1")),
        Arguments.of("title pr", new Filter.Present(p("title"))),
        Arguments.of("title PR", new Filter.Present(p("title"))),
        Arguments.of("meta.lastModified gt \"2011-05-13T04:42:34Z\"",
            new Filter.Compare(AttrPath.of("meta", "lastModified"), Op.GT, "2011-05-13T04:42:34Z")),
        Arguments.of("active eq true", eq("active", Boolean.TRUE)),
        Arguments.of("active eq FALSE", eq("active", Boolean.FALSE)),
        Arguments.of("manager eq null", eq("manager", null)),
        Arguments.of("age ge 21", new Filter.Compare(p("age"), Op.GE, new BigDecimal("21"))),
        Arguments.of("score lt -1.5e3", new Filter.Compare(p("score"), Op.LT, new BigDecimal("-1.5e3"))),
        Arguments.of("title eq \"a\\\"b\\\\c\\u00e9\\n\"", eq("title", "a\"b\\c\u00e9\n")),
        Arguments.of("externalId eq jyoung", eq("externalId", "jyoung")),
        Arguments.of("id eq 7d3f1c2a-5b8e-4f60-9a1d-2c4e6b8f0a11", eq("id", "7d3f1c2a-5b8e-4f60-9a1d-2c4e6b8f0a11")),
        Arguments.of("a pr and b pr or c pr",
            new Filter.Or(new Filter.And(new Filter.Present(p("a")), new Filter.Present(p("b"))), new Filter.Present(p("c")))),
        Arguments.of("a pr or b pr and c pr",
            new Filter.Or(new Filter.Present(p("a")), new Filter.And(new Filter.Present(p("b")), new Filter.Present(p("c"))))),
        Arguments.of("(a pr or b pr) and c pr",
            new Filter.And(new Filter.Or(new Filter.Present(p("a")), new Filter.Present(p("b"))), new Filter.Present(p("c")))),
        Arguments.of("a pr and b pr and c pr",
            new Filter.And(new Filter.And(new Filter.Present(p("a")), new Filter.Present(p("b"))), new Filter.Present(p("c")))),
        Arguments.of("not (a pr) and b pr",
            new Filter.And(new Filter.Not(new Filter.Present(p("a"))), new Filter.Present(p("b")))),
        Arguments.of("NOT(a pr or b pr)",
            new Filter.Not(new Filter.Or(new Filter.Present(p("a")), new Filter.Present(p("b"))))),
        Arguments.of("not eq \"x\"", eq("not", "x")),
        Arguments.of("emails[type eq \"work\" and value co \"@example.com\"]",
            new Filter.ValuePath(p("emails"), new Filter.And(eq("type", "work"),
                new Filter.Compare(p("value"), Op.CO, "@example.com")))),
        Arguments.of("userType eq \"Employee\" and emails[type eq \"work\" or primary eq true] or x pr",
            new Filter.Or(new Filter.And(eq("userType", "Employee"),
                new Filter.ValuePath(p("emails"), new Filter.Or(eq("type", "work"), eq("primary", true)))),
                new Filter.Present(p("x")))),
        Arguments.of("members[value eq \"a]b\"]", new Filter.ValuePath(p("members"), eq("value", "a]b"))),
        Arguments.of("members.$ref pr", new Filter.Present(AttrPath.of("members", "$ref"))),
        Arguments.of("id eq \"7d3f\" and manager eq \"c4a9\"",
            new Filter.And(eq("id", "7d3f"), eq("manager", "c4a9"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validFilters")
  void parse_validFilter_buildsExpectedTree(String text, Filter expected) {
    assertThat(FilterParser.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validFilters")
  void print_parsedFilter_parsesBackToEqualTree(String text, Filter expected) {
    String printed = FilterPrinter.print(expected);
    assertThat(FilterParser.parse(printed)).isEqualTo(expected);
    assertThat(expected.toString()).isEqualTo(printed);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "a pr and (b pr or not (c pr and d pr)) or e[f eq 1 and not (g pr)]",
      "x eq \"tab\\there\" or y ne \"\\u0001\"",
      "a eq 1.50 and b le 2E+3 and c gt 0",
      "(((a pr)))",
      "a pr or (b pr or c pr)",
      "a pr and (b pr and c pr)",
      "not (not (a pr))"})
  void print_roundTrip_isStable(String text) {
    Filter parsed = FilterParser.parse(text);
    String printed = FilterPrinter.print(parsed);
    assertThat(FilterParser.parse(printed)).isEqualTo(parsed);
    assertThat(FilterPrinter.print(FilterParser.parse(printed))).isEqualTo(printed);
  }

  @Test
  void print_canonicalForm_isLowerCaseAndMinimallyParenthesised() {
    assertThat(FilterParser.parse("A Pr  AND (b PR OR c pr)").toString()).isEqualTo("A pr and (b pr or c pr)");
    assertThat(FilterParser.parse("externalId eq jyoung").toString()).isEqualTo("externalId eq \"jyoung\"");
  }

  static Stream<Arguments> invalidFilters() {
    return Stream.of(
        Arguments.of("", "empty"),
        Arguments.of("   ", "empty"),
        Arguments.of("userName eqq \"x\"", "expected comparison operator or 'pr' at position 9"),
        Arguments.of("userName", "expected comparison operator or 'pr' at position 8"),
        Arguments.of("userName eq", "expected a value"),
        Arguments.of("userName eq \"x", "unterminated string at position 12"),
        Arguments.of("userName eq \"x\" and", "unexpected end of filter"),
        Arguments.of("userName eq \"x\" nand y pr", "expected 'and', 'or' or the end of the filter at position 16"),
        Arguments.of("(userName pr", "expected ')'"),
        Arguments.of("userName pr)", "expected 'and', 'or' or the end"),
        Arguments.of("not userName pr", "expected comparison operator"),
        Arguments.of("emails[type eq \"work\"", "expected ']'"),
        Arguments.of("emails[type[value eq \"x\"]]", "value paths cannot be nested"),
        Arguments.of("emails[type eq \"work\"].value eq \"x\"", "expected 'and', 'or'"),
        Arguments.of("9lives pr", "invalid attribute path"),
        Arguments.of("name..given pr", "invalid attribute path"),
        Arguments.of("a:b pr", "invalid attribute path"),
        Arguments.of("urn: pr", "invalid attribute path"),
        Arguments.of("title eq \"bad \\x escape\"", "invalid escape"),
        Arguments.of("title eq \"\\u12\"", "invalid \\u escape"),
        Arguments.of("title eq a\\b", "expected a value"),
        Arguments.of("title eq \"x\"]", "unexpected ']'"),
        Arguments.of("and pr and", "unexpected end"),
        Arguments.of("[type eq \"x\"]", "expected an attribute path"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("invalidFilters")
  void parse_invalidFilter_throwsInvalidFilterSayingWhere(String text, String detail) {
    assertThatThrownBy(() -> FilterParser.parse(text))
        .isInstanceOfSatisfying(ScimException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.scimType()).isEqualTo("invalidFilter");
          assertThat(e.detail()).contains(detail);
        });
  }

  @Test
  void parse_null_throwsInvalidFilter() {
    assertThatThrownBy(() -> FilterParser.parse(null))
        .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.scimType()).isEqualTo("invalidFilter"));
  }

  @Test
  void parse_overMaxLength_throwsInvalidFilterWithoutEchoingAll() {
    String longFilter = "userName eq \"" + "x".repeat(FilterParser.MAX_LENGTH) + "\"";
    assertThatThrownBy(() -> FilterParser.parse(longFilter))
        .isInstanceOfSatisfying(ScimException.class, e -> {
          assertThat(e.scimType()).isEqualTo("invalidFilter");
          assertThat(e.detail()).contains("limit is 4096").hasSizeLessThan(200);
        });
  }

  @Test
  void parse_errorInLongFilter_truncatesEcho() {
    String text = "a pr and " + "b pr and ".repeat(100) + "c eqq 1";
    assertThatThrownBy(() -> FilterParser.parse(text))
        .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.detail()).hasSizeLessThan(250).contains("…"));
  }

  @Test
  void parse_nestingAtLimit_parses() {
    String text = "(".repeat(FilterParser.MAX_DEPTH) + "a pr" + ")".repeat(FilterParser.MAX_DEPTH);
    assertThat(FilterParser.parse(text)).isEqualTo(new Filter.Present(p("a")));
  }

  @ParameterizedTest(name = "{0} levels")
  @ValueSource(ints = {FilterParser.MAX_DEPTH + 1, 600})
  void parse_nestingBeyondLimit_throwsInvalidFilterNotStackOverflow(int levels) {
    String parens = "(".repeat(levels) + "a pr" + ")".repeat(levels);
    String nots = "not (".repeat(levels) + "a pr" + ")".repeat(levels);
    for (String text : new String[] {parens, nots}) {
      assertThatThrownBy(() -> FilterParser.parse(text))
          .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.detail()).contains("deeper than 32"));
    }
  }

  @Test
  void parse_longFlatChain_parsesAndPrints() {
    String text = "a pr" + " and a pr".repeat(400);
    Filter filter = FilterParser.parse(text);
    assertThat(FilterParser.parse(filter.toString())).isEqualTo(filter);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"01-", "02-", "03-", "04-", "05-", "10-", "26-"})
  void parse_entraFixtureFilter_parses(String fixture) {
    JsonObject request = EntraCorpus.load(fixture);
    Filter filter = FilterParser.parse(EntraCorpus.filterOf(request));
    assertThat(FilterParser.parse(filter.toString())).isEqualTo(filter);
  }

  @Test
  void parse_everyEntraQueryFixture_parses() {
    long parsed = EntraCorpus.all().stream().map(EntraCorpus::read)
        .filter(f -> f.getString("path", "").contains("filter="))
        .peek(f -> FilterParser.parse(EntraCorpus.filterOf(f)))
        .count();
    assertThat(parsed).isGreaterThanOrEqualTo(7);
  }

  @Test
  void parse_entraProbeFixture_isUserNameEqGuid() {
    Filter filter = FilterParser.parse(EntraCorpus.filterOf(EntraCorpus.load("01-")));
    assertThat(filter).isEqualTo(eq("userName", "3c9c2f4e-8d1b-4a6e-b0f7-5a2d9e1c7b63"));
  }

  @Test
  void parse_entraGroupFixture_keepsSpacesDecodedFromPlus() {
    Filter filter = FilterParser.parse(EntraCorpus.filterOf(EntraCorpus.load("26-")));
    assertThat(filter).isEqualTo(eq("displayName", "Contoso Finance Team"));
  }
}
