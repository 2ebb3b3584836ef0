package io.iamcore.sync;

import java.util.Set;

/** The core object types (PRODUCT.md §1) and the attributes a rule may flow into each. */
public enum CoreObjectType {
  Identity(Set.of("displayName", "firstName", "lastName", "mobile", "nin", "entraObjectId",
      "entraUserPrincipalName", "entraOnPremisesSamAccountName", "entraOnPremisesDistinguishedName")),
  OrgUnit(Set.of()),
  Relationship(Set.of());

  /** Attributes every core object has. */
  static final Set<String> COMMON = Set.of("id", "joinScope", "anchor1", "anchor2", "anchor3",
      "anchor4", "anchor5", "anchor6", "anchor7", "anchor8", "anchor9");
  static final String CUSTOM_PREFIX = "custom/";

  private final Set<String> specific;

  CoreObjectType(Set<String> specific) {
    this.specific = specific;
  }

  /** Whether {@code attribute} exists on this type ({@code custom/<name>} always does). */
  public boolean hasAttribute(String attribute) {
    return COMMON.contains(attribute) || specific.contains(attribute)
        || (attribute.startsWith(CUSTOM_PREFIX) && attribute.length() > CUSTOM_PREFIX.length());
  }

  /** The type named exactly so, or null. */
  public static CoreObjectType named(String name) {
    for (CoreObjectType type : values()) {
      if (type.name().equals(name)) {
        return type;
      }
    }
    return null;
  }
}
