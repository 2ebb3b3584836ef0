package io.iamcore.scim.filter;

import java.util.Locale;
import java.util.Set;

/**
 * Decides whether string comparisons on an attribute are case-exact (RFC 7643 §2.2 "caseExact").
 * The caller owns the schema, so it decides; {@link #rfc7643()} covers the core and enterprise
 * schemas for when no schema registry is at hand.
 */
@FunctionalInterface
public interface CaseExactness {

  /**
   * @param path the attribute being compared, relative to the resource; for a filter inside a
   *     value path ({@code emails[value eq "x"]}) it is the combined path ({@code emails.value})
   */
  boolean isCaseExact(AttrPath path);

  /**
   * The RFC 7643 defaults: identifiers and versions are case-exact ({@code id}, {@code externalId},
   * {@code meta.version}, {@code meta.location}, every {@code $ref}, and the {@code value} of the
   * reference attributes {@code members}, {@code groups} and {@code manager}, which hold ids);
   * everything else, {@code userName} included, compares case-insensitively.
   */
  static CaseExactness rfc7643() {
    Set<String> exact = Set.of(
        "id", "externalid", "meta.version", "meta.location", "members.value", "groups.value",
        "manager.value", "password", "x509certificates.value");
    return path -> {
      if (path.subAttribute() != null && path.subAttribute().startsWith("$")) {
        return true;
      }
      String key = path.attribute().toLowerCase(Locale.ROOT)
          + (path.subAttribute() == null ? "" : "." + path.subAttribute().toLowerCase(Locale.ROOT));
      return exact.contains(key);
    };
  }

  /** Every comparison is case-insensitive. */
  static CaseExactness never() {
    return path -> false;
  }
}
