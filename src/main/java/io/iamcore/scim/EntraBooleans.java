package io.iamcore.scim;

/**
 * Entra's legacy provisioning sends booleans as strings: {@code "active": "False"} and
 * {@code {"op": "Replace", "path": "active", "value": "True"}}. We store real booleans.
 */
public final class EntraBooleans {

  private EntraBooleans() {}

  /** {@code true}/{@code false} or the strings "True"/"False" in any case; else invalidValue. */
  public static Boolean coerce(String attribute, Object value) {
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof String s) {
      if (s.equalsIgnoreCase("true")) {
        return Boolean.TRUE;
      }
      if (s.equalsIgnoreCase("false")) {
        return Boolean.FALSE;
      }
    }
    throw ScimException.invalidValue(attribute + " must be true or false, got " + value);
  }
}
