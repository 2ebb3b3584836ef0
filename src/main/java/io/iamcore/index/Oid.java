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
    if (!isCanonicalGuid(oid)) {
      return new Oid(0, 0, oid);
    }
    long hi = hex(oid, 0, 8) << 32 | hex(oid, 9, 13) << 16 | hex(oid, 14, 18);
    long lo = hex(oid, 19, 23) << 48 | hex(oid, 24, 36);
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

  /** 8-4-4-4-12 lowercase hex digits, the form {@link UUID#toString()} prints. */
  private static boolean isCanonicalGuid(String s) {
    if (s.length() != 36) {
      return false;
    }
    for (int i = 0; i < 36; i++) {
      char c = s.charAt(i);
      boolean ok = i == 8 || i == 13 || i == 18 || i == 23 ? c == '-' : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static long hex(String s, int from, int to) {
    long value = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      value = value << 4 | (c <= '9' ? c - '0' : c - 'a' + 10);
    }
    return value;
  }
}
