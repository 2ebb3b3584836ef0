package io.iamcore.scim.filter;

/**
 * Entra quirk: an unquoted comparison value.
 *
 * <p>The Entra provisioning tutorial prints its matching query as {@code externalId eq jyoung},
 * without quotes, while live tenants send {@code externalId eq "jyoung"} (form-encoded as
 * {@code filter=externalId+eq+%22jyoung%22}). RFC 7644 only allows quoted strings, but rejecting
 * the documented form would fail a client that copied the tutorial, so a bare word that is not
 * {@code true}/{@code false}/{@code null} or a number is read as a string. Printing quotes it.
 */
final class BarewordValues {

  private BarewordValues() {}

  /** A bare word is accepted when it has no characters that could belong to filter syntax. */
  static boolean accepts(String word) {
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (c == '\\' || c == '\'' || Character.isISOControl(c)) {
        return false;
      }
    }
    return true;
  }
}
