package io.iamcore.testing;

/**
 * Every token and secret the tests mint or receive, so that each gateway's logs can be checked
 * for them when it stops: no credential may ever appear in a log line (PRODUCT.md §4).
 */
public final class Credentials {

  private static final CredentialScanner SEEN = new CredentialScanner();

  private Credentials() {}

  public static String remember(String credential) {
    if (credential != null && !credential.isEmpty()) {
      SEEN.add(credential);
    }
    return credential;
  }

  /** A description of the first credential found in {@code text}, or null. */
  static String findIn(String text) {
    return SEEN.findIn(text);
  }
}
