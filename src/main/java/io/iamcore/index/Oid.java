package io.iamcore.index;

import java.util.UUID;

/**
 * An Entra object id as the index keeps it: a lowercase canonical GUID (what Entra issues) as two
 * longs, anything else as its text. Two oids are the same exactly when their strings are equal,
 * because only the one canonical spelling of a GUID takes the long form.
 *
 * @param hi   the GUID's first 64 bits (0 when {@code text} is set)
 * @param lo   the GUID's last 64 bits (0 when {@code text} is set)
 * @param text the oid when it is not a lowercase canonical GUID, else null
 */
record Oid(long hi, long lo, String text) {

  static Oid of(String oid) {
    // One pass: read the 32 hex digits while checking the form; any other spelling keeps its text.
    if (oid.length() != 36) {
      return new Oid(0, 0, oid);
    }
    long hi = 0;
    long lo = 0;
    for (int i = 0; i < 36; i++) {
      char c = oid.charAt(i);
      if (i == 8 || i == 13 || i == 18 || i == 23) {
        if (c != '-') {
          return new Oid(0, 0, oid);
        }
        continue;
      }
      int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
      if (digit < 0) {
        return new Oid(0, 0, oid);
      }
      if (i < 19) {
        hi = hi << 4 | digit;
      } else {
        lo = lo << 4 | digit;
      }
    }
    return new Oid(hi, lo, null);
  }

  /** The index key: a 64-bit mix of tenant and oid (collisions are resolved by the entry chain). */
  long hash(UUID tenant) {
    long h = tenant.getMostSignificantBits() * 0x9E3779B97F4A7C15L + tenant.getLeastSignificantBits();
    if (text == null) {
      h = (h ^ hi) * 0x100000001b3L;
      h = (h ^ lo) * 0x100000001b3L;
    } else {
      for (int i = 0; i < text.length(); i++) {
        h = (h ^ text.charAt(i)) * 0x100000001b3L;
      }
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    return h ^ (h >>> 33);
  }
}
