package io.iamcore.scim.patch;

import io.iamcore.scim.ScimException;
import io.iamcore.scim.filter.AttrPath;
import io.iamcore.scim.filter.Filter;
import io.iamcore.scim.filter.FilterParser;
import java.util.Objects;

/**
 * A PATCH {@code path} (RFC 7644 §3.5.2): {@code attrPath} or {@code valuePath [subAttr]}.
 *
 * <p>{@code emails[type eq "work"].value} is {@code attribute = emails.value} with
 * {@code valueFilter = type eq "work"}: the filter selects values of {@code emails}, the
 * sub-attribute is then read or written in each selected value.
 *
 * @param attribute the attribute, with the sub-attribute written after the filter (if any)
 * @param valueFilter the filter in brackets, relative to one value of the attribute, or {@code null}
 */
public record PatchPath(AttrPath attribute, Filter valueFilter) {

  public PatchPath {
    Objects.requireNonNull(attribute, "attribute");
  }

  public static PatchPath of(AttrPath attribute) {
    return new PatchPath(attribute, null);
  }

  /**
   * Parses {@code attr}, {@code attr.sub}, {@code urn:…:attr[.sub]}, {@code attr[filter]} and
   * {@code attr[filter].sub}.
   *
   * @throws ScimException {@code invalidPath} when {@code text} is none of these; the detail
   *     carries the filter parser's explanation when the bracket is at fault
   */
  public static PatchPath parse(String text) {
    if (text == null || text.isBlank()) {
      throw ScimException.invalidPath("the path is empty");
    }
    String path = text.strip();
    int open = path.indexOf('[');
    if (open < 0) {
      return new PatchPath(AttrPath.parse(path), null);
    }
    // The sub-attribute after the bracket cannot contain ']', so the last one closes the filter
    // even when a string literal inside the filter contains brackets.
    int close = path.lastIndexOf(']');
    if (close < open) {
      throw ScimException.invalidPath("'" + PatchEcho.of(text) + "' has no ']' closing the value filter");
    }
    AttrPath attribute = AttrPath.parse(path.substring(0, open));
    if (attribute.subAttribute() != null) {
      throw ScimException.invalidPath("'" + PatchEcho.of(text) + "' filters a sub-attribute; filter the attribute");
    }
    String suffix = path.substring(close + 1);
    if (!suffix.isEmpty()) {
      if (!suffix.startsWith(".") || suffix.indexOf(':') >= 0) {
        throw ScimException.invalidPath("'" + PatchEcho.of(text) + "' must end with ']' or ']' followed by '.subAttribute'");
      }
      attribute = attribute.withSubAttribute(AttrPath.parse(suffix.substring(1)).attribute());
      if (suffix.indexOf('.', 1) >= 0) {
        throw ScimException.invalidPath("'" + PatchEcho.of(text) + "' has more than one sub-attribute");
      }
    }
    return new PatchPath(attribute, parseFilter(path.substring(open + 1, close), text));
  }

  private static Filter parseFilter(String filterText, String text) {
    Filter filter;
    try {
      filter = FilterParser.parse(filterText);
    } catch (ScimException e) {
      throw ScimException.invalidPath("invalid value filter in path '" + PatchEcho.of(text) + "': " + e.detail());
    }
    if (containsValuePath(filter)) {
      throw ScimException.invalidPath("'" + PatchEcho.of(text) + "' nests a value path inside a value filter");
    }
    return filter;
  }

  private static boolean containsValuePath(Filter filter) {
    if (filter instanceof Filter.ValuePath) {
      return true;
    } else if (filter instanceof Filter.And) {
      return containsValuePath(((Filter.And) filter).left()) || containsValuePath(((Filter.And) filter).right());
    } else if (filter instanceof Filter.Or) {
      return containsValuePath(((Filter.Or) filter).left()) || containsValuePath(((Filter.Or) filter).right());
    } else if (filter instanceof Filter.Not) {
      return containsValuePath(((Filter.Not) filter).inner());
    }
    return false;
  }

  /** Canonical SCIM text, e.g. {@code emails[type eq "work"].value}. */
  @Override
  public String toString() {
    if (valueFilter == null) {
      return attribute.toString();
    }
    AttrPath parent = attribute.parent();
    return parent + "[" + valueFilter + "]"
        + (attribute.subAttribute() == null ? "" : "." + attribute.subAttribute());
  }
}
