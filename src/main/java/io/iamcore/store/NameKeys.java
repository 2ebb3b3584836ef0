package io.iamcore.store;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The canonical form of a userName (PRODUCT.md §6): Unicode NFKC, then lower case in the root
 * locale. The unique index, {@code filter eq} and the in-memory keys all use this one function, so
 * they can never disagree (a Turkish default locale would otherwise map "I" to a dotless "ı").
 */
public final class NameKeys {

  private NameKeys() {}

  public static String canonical(String userName) {
    return Normalizer.normalize(userName, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
  }
}
