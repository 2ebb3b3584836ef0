package io.iamcore.scim.filter;

import io.iamcore.scim.ScimException;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Hand-written recursive-descent parser for RFC 7644 §3.4.2.2 filters.
 *
 * <pre>
 * filter  = or
 * or      = and *( "or" and )
 * and     = unary *( "and" unary )
 * unary   = "not" "(" or ")" / "(" or ")" / attrExp
 * attrExp = attrPath "[" or "]"          ; value path, not nested
 *         / attrPath "pr"
 *         / attrPath compareOp compValue
 * </pre>
 *
 * <p>Whitespace between tokens is optional where the token boundary is unambiguous and may be
 * repeated. Recursion only happens through {@code (}, {@code not} and {@code [}, each of which
 * counts against {@link #MAX_DEPTH}; {@code and}/{@code or} chains are loops. Together with
 * {@link #MAX_LENGTH} this bounds the stack, so hostile input yields {@code invalidFilter}, never
 * a {@link StackOverflowError}.
 *
 * <p>Errors name the 0-based position of the offending character and echo (a prefix of) the input.
 */
public final class FilterParser {

  public static final int MAX_LENGTH = 4096;
  public static final int MAX_DEPTH = 32;

  private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

  private final String text;
  private int pos;
  private int depth;
  private boolean inValuePath;

  private FilterParser(String text) {
    this.text = text;
  }

  /**
   * Parses {@code text} into a {@link Filter}.
   *
   * @throws ScimException {@code invalidFilter} (400) when the text is empty, too long, too deep or
   *     not a filter; the detail says what was expected where
   */
  public static Filter parse(String text) {
    if (text == null || text.isBlank()) {
      throw ScimException.invalidFilter("the filter is empty");
    }
    if (text.length() > MAX_LENGTH) {
      throw ScimException.invalidFilter(
          "the filter is " + text.length() + " characters long; the limit is " + MAX_LENGTH);
    }
    FilterParser parser = new FilterParser(text);
    Filter filter = parser.parseOr();
    parser.skipSpace();
    if (!parser.atEnd()) {
      throw parser.error(parser.atClosingBracket() ? "unexpected ']'" : "expected 'and', 'or' or the end of the filter");
    }
    return filter;
  }

  private boolean atClosingBracket() {
    return text.charAt(pos) == ']';
  }

  private Filter parseOr() {
    Filter left = parseAnd();
    while (acceptKeyword("or")) {
      left = new Filter.Or(left, parseAnd());
    }
    return left;
  }

  private Filter parseAnd() {
    Filter left = parseUnary();
    while (acceptKeyword("and")) {
      left = new Filter.And(left, parseUnary());
    }
    return left;
  }

  private Filter parseUnary() {
    skipSpace();
    if (atEnd()) {
      throw error("unexpected end of filter, expected an attribute path, 'not' or '('");
    }
    if (acceptKeywordBefore("not", '(')) {
      skipSpace();
      expect('(', "expected '(' after 'not'");
      Filter inner = parseNested();
      expect(')', "expected ')'");
      return new Filter.Not(inner);
    }
    if (peek() == '(') {
      pos++;
      Filter inner = parseNested();
      expect(')', "expected ')'");
      return inner;
    }
    return parseAttrExp();
  }

  private Filter parseNested() {
    enter();
    Filter inner = parseOr();
    depth--;
    skipSpace();
    return inner;
  }

  private Filter parseAttrExp() {
    int start = pos;
    AttrPath path = parseAttrPath();
    if (!atEnd() && peek() == '[') {
      if (inValuePath) {
        throw error("value paths cannot be nested");
      }
      pos++;
      inValuePath = true;
      Filter inner = parseNested();
      inValuePath = false;
      expect(']', "expected ']' to close the value path opened at position " + (start + path.toString().length()));
      return new Filter.ValuePath(path, inner);
    }
    skipSpace();
    int opStart = pos;
    String word = readWord();
    if (word.equalsIgnoreCase("pr")) {
      return new Filter.Present(path);
    }
    Op op = Op.fromToken(word);
    if (op == null) {
      pos = opStart;
      throw error("expected comparison operator or 'pr'");
    }
    skipSpace();
    return new Filter.Compare(path, op, parseValue());
  }

  private AttrPath parseAttrPath() {
    int start = pos;
    while (!atEnd() && isPathChar(peek())) {
      pos++;
    }
    if (start == pos) {
      throw error("expected an attribute path");
    }
    AttrPath path = AttrPath.parseOrNull(text.substring(start, pos));
    if (path == null) {
      pos = start;
      throw error("invalid attribute path '" + Echo.of(token(start)) + "'");
    }
    return path;
  }

  private String token(int start) {
    int end = start;
    while (end < text.length() && isPathChar(text.charAt(end))) {
      end++;
    }
    return text.substring(start, end);
  }

  private Object parseValue() {
    if (atEnd()) {
      throw error("unexpected end of filter, expected a value");
    }
    if (peek() == '"') {
      return parseString();
    }
    int start = pos;
    while (!atEnd() && !isValueTerminator(peek())) {
      pos++;
    }
    String word = text.substring(start, pos);
    if (word.isEmpty()) {
      throw error("expected a value (string, number, true, false or null)");
    }
    if (word.equalsIgnoreCase("true")) {
      return Boolean.TRUE;
    }
    if (word.equalsIgnoreCase("false")) {
      return Boolean.FALSE;
    }
    if (word.equalsIgnoreCase("null")) {
      return null;
    }
    if (NUMBER.matcher(word).matches()) {
      return new BigDecimal(word);
    }
    if (BarewordValues.accepts(word)) {
      return word;
    }
    pos = start;
    throw error("expected a value (string, number, true, false or null)");
  }

  private String parseString() {
    int start = pos;
    pos++; // opening quote
    StringBuilder out = new StringBuilder();
    while (true) {
      if (atEnd()) {
        pos = start;
        throw error("unterminated string");
      }
      char c = text.charAt(pos++);
      if (c == '"') {
        return out.toString();
      }
      if (c < 0x20) {
        pos--;
        throw error("control character in string");
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (atEnd()) {
        pos = start;
        throw error("unterminated string");
      }
      out.append(unescape(text.charAt(pos++)));
    }
  }

  private char unescape(char c) {
    switch (c) {
      case '"':
        return '"';
      case '\\':
        return '\\';
      case '/':
        return '/';
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case 'u':
        if (pos + 4 <= text.length()) {
          try {
            char decoded = (char) Integer.parseInt(text.substring(pos, pos + 4), 16);
            pos += 4;
            return decoded;
          } catch (NumberFormatException e) {
            // fall through to the error below
          }
        }
        pos -= 2;
        throw error("invalid \\u escape");
      default:
        pos -= 2;
        throw error("invalid escape '\\" + c + "'");
    }
  }

  /** Consumes {@code keyword} (any case) if it is the next word, followed by a non-name char. */
  private boolean acceptKeyword(String keyword) {
    skipSpace();
    int end = pos + keyword.length();
    if (text.regionMatches(true, pos, keyword, 0, keyword.length())
        && (end == text.length() || !isPathChar(text.charAt(end)))) {
      pos = end;
      return true;
    }
    return false;
  }

  /** Like {@link #acceptKeyword} but only when {@code next} follows: {@code not} is also a valid attribute name. */
  private boolean acceptKeywordBefore(String keyword, char next) {
    int save = pos;
    if (acceptKeyword(keyword)) {
      skipSpace();
      if (!atEnd() && peek() == next) {
        return true;
      }
    }
    pos = save;
    return false;
  }

  private String readWord() {
    int start = pos;
    while (!atEnd() && Character.isLetter(peek())) {
      pos++;
    }
    return text.substring(start, pos);
  }

  private void expect(char c, String message) {
    skipSpace();
    if (atEnd() || peek() != c) {
      throw error(atEnd() ? "unexpected end of filter, " + message : message);
    }
    pos++;
  }

  private void enter() {
    if (++depth > MAX_DEPTH) {
      throw error("the filter nests deeper than " + MAX_DEPTH + " levels");
    }
  }

  private void skipSpace() {
    while (!atEnd() && Character.isWhitespace(peek())) {
      pos++;
    }
  }

  private boolean atEnd() {
    return pos >= text.length();
  }

  private char peek() {
    return text.charAt(pos);
  }

  private static boolean isPathChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == ':' || c == '.' || c == '_' || c == '-' || c == '$';
  }

  private static boolean isValueTerminator(char c) {
    return Character.isWhitespace(c) || c == ')' || c == ']' || c == '(' || c == '[' || c == '"';
  }

  private ScimException error(String message) {
    return ScimException.invalidFilter(message + " at position " + pos + " in '" + Echo.of(text) + "'");
  }
}
