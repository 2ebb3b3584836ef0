package io.iamcore.auth;

import java.util.Set;

/**
 * The app roles of PRODUCT.md §4, as Entra puts them in the {@code roles} claim, and the one rule
 * that relates them: {@code .readwrite.all} implies {@code .read.all} of the same family, and the
 * user role {@link #ADMINISTRATOR} implies every role listed here (within the token's tenant,
 * which callers enforce by scoping every query to {@code tid}).
 */
public final class Roles {

  public static final String CONNECTOR_CONFIGURATION_READ = "iam-core.connector-configuration.read.all";
  public static final String CONNECTOR_CONFIGURATION_READWRITE =
      "iam-core.connector-configuration.readwrite.all";
  public static final String SYNCHRONIZATION_CONFIGURATION_READ =
      "iam-core.synchronization-configuration.read.all";
  public static final String SYNCHRONIZATION_CONFIGURATION_READWRITE =
      "iam-core.synchronization-configuration.readwrite.all";
  public static final String CONNECTOR_DATA_READWRITE_SELF = "iam-core.connector-data.readwrite.self";
  public static final String IDENTITY_RESOLVE = "iam-core.identity.resolve";
  public static final String ADMINISTRATOR = "Administrator";

  /** Every role {@link #ADMINISTRATOR} implies. */
  public static final Set<String> APP_ROLES = Set.of(
      CONNECTOR_CONFIGURATION_READ,
      CONNECTOR_CONFIGURATION_READWRITE,
      SYNCHRONIZATION_CONFIGURATION_READ,
      SYNCHRONIZATION_CONFIGURATION_READWRITE,
      CONNECTOR_DATA_READWRITE_SELF,
      IDENTITY_RESOLVE);

  private static final String READ_SUFFIX = ".read.all";
  private static final String READWRITE_SUFFIX = ".readwrite.all";

  private Roles() {}

  /**
   * Whether a token holding {@code tokenRoles} may do what {@code requiredRole} guards. Role names
   * are compared exactly (Entra sends them as defined); an unknown required role is only granted
   * by itself.
   */
  public static boolean allows(Set<String> tokenRoles, String requiredRole) {
    if (tokenRoles == null || requiredRole == null) {
      return false;
    }
    if (tokenRoles.contains(requiredRole)) {
      return true;
    }
    if (tokenRoles.contains(ADMINISTRATOR) && APP_ROLES.contains(requiredRole)) {
      return true;
    }
    return APP_ROLES.contains(requiredRole)
        && requiredRole.endsWith(READ_SUFFIX)
        && tokenRoles.contains(readWriteOf(requiredRole));
  }

  private static String readWriteOf(String readRole) {
    return readRole.substring(0, readRole.length() - READ_SUFFIX.length()) + READWRITE_SUFFIX;
  }
}
