package io.iamcore.scim.filter;

import io.iamcore.scim.ScimException;
import java.util.Locale;
import java.util.Objects;

/**
 * An attribute path {@code [schemaUrn ":"] attribute ["." subAttribute]} (RFC 7644 §3.10).
 *
 * <p>Names keep the spelling the client used, so that printing gives back what was parsed; SCIM
 * names and schema URNs are case-insensitive, so compare with {@link #matches} or
 * {@link #normalized()}, never with {@link #equals}.
 *
 * @param schemaUrn the schema URN prefix, e.g. the enterprise extension URN, or {@code null}
 * @param attribute the attribute name, never blank
 * @param subAttribute the sub-attribute name, or {@code null}
 */
public record AttrPath(String schemaUrn, String attribute, String subAttribute) {

  public AttrPath {
    Objects.requireNonNull(attribute, "attribute");
    if (attribute.isEmpty()) {
      throw new IllegalArgumentException("attribute must not be empty");
    }
  }

  public static AttrPath of(String attribute) {
    return new AttrPath(null, attribute, null);
  }

  public static AttrPath of(String attribute, String subAttribute) {
    return new AttrPath(null, attribute, subAttribute);
  }

  /**
   * Parses a stand-alone path such as {@code name.givenName} or
   * {@code urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value}.
   *
   * @throws ScimException {@code invalidPath} when {@code text} is not an attribute path
   */
  public static AttrPath parse(String text) {
    AttrPath path = text == null ? null : parseOrNull(text.strip());
    if (path == null) {
      throw ScimException.invalidPath("'" + Echo.of(text) + "' is not a valid attribute path");
    }
    return path;
  }

  /** This path without its sub-attribute: the attribute that holds the value. */
  public AttrPath parent() {
    return subAttribute == null ? this : new AttrPath(schemaUrn, attribute, null);
  }

  /** This path with {@code sub} as its sub-attribute. */
  public AttrPath withSubAttribute(String sub) {
    return new AttrPath(schemaUrn, attribute, sub);
  }

  /** The path as lower-case text, usable as a map key for case-insensitive lookups. */
  public String normalized() {
    return toString().toLowerCase(Locale.ROOT);
  }

  /** True when both paths name the same attribute, ignoring case (RFC 7643 §2.1). */
  public boolean matches(AttrPath other) {
    return other != null
        && attribute.equalsIgnoreCase(other.attribute)
        && equalsIgnoreCaseNullable(schemaUrn, other.schemaUrn)
        && equalsIgnoreCaseNullable(subAttribute, other.subAttribute);
  }

  /** True when the attribute (not the URN or sub-attribute) is {@code name}, ignoring case. */
  public boolean isAttribute(String name) {
    return attribute.equalsIgnoreCase(name);
  }

  /** The canonical SCIM spelling, e.g. {@code urn:…:User:manager.value}. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    if (schemaUrn != null) {
      out.append(schemaUrn).append(':');
    }
    out.append(attribute);
    if (subAttribute != null) {
      out.append('.').append(subAttribute);
    }
    return out.toString();
  }

  /**
   * The path spelled by {@code token}, or {@code null}. A token starting with {@code urn:} is split
   * at its last colon: URNs contain dots ({@code 2.0}) but attribute names never contain colons.
   */
  static AttrPath parseOrNull(String token) {
    String urn = null;
    String rest = token;
    if (token.regionMatches(true, 0, "urn:", 0, 4)) {
      int colon = token.lastIndexOf(':');
      urn = token.substring(0, colon);
      rest = token.substring(colon + 1);
      if (urn.length() <= 4 || urn.endsWith(":")) {
        return null;
      }
    } else if (token.indexOf(':') >= 0) {
      return null;
    }
    int dot = rest.indexOf('.');
    String attribute = dot < 0 ? rest : rest.substring(0, dot);
    String sub = dot < 0 ? null : rest.substring(dot + 1);
    if (!isAttrName(attribute) || (sub != null && !isAttrName(sub))) {
      return null;
    }
    return new AttrPath(urn, attribute, sub);
  }

  /**
   * RFC 7644 ATTRNAME = ALPHA *(nameChar). We also accept a leading {@code $} because RFC 7643
   * itself names the {@code $ref} sub-attribute, and clients filter and patch on it.
   */
  static boolean isAttrName(String name) {
    if (name.isEmpty()) {
      return false;
    }
    char first = name.charAt(0);
    if (!(isAlpha(first) || (first == '$' && name.length() > 1))) {
      return false;
    }
    for (int i = 1; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(isAlpha(c) || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAlpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean equalsIgnoreCaseNullable(String a, String b) {
    return a == null ? b == null : a.equalsIgnoreCase(b);
  }
}
