package io.iamcore.perf;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * N synthetic identities shaped like the gateway's: 100 tenants, Entra-style GUID oids, and the
 * flat CoreIdentity JSON the index holds (about 230 bytes each). Seeded, so runs compare.
 */
final class Identities {

  final UUID[] tenants;
  final String[] oids;
  final byte[][] json;

  Identities(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    UUID[] tenantIds = new UUID[100];
    for (int t = 0; t < tenantIds.length; t++) {
      tenantIds[t] = new UUID(random.nextLong(), random.nextLong());
    }
    tenants = new UUID[count];
    oids = new String[count];
    json = new byte[count][];
    for (int i = 0; i < count; i++) {
      tenants[i] = tenantIds[i % tenantIds.length];
      oids[i] = guid(random);
      json[i] = ("{\"id\":\"E-" + i + "\",\"objectType\":\"Identity\",\"displayName\":\"User " + i
          + "\",\"entraObjectId\":\"" + oids[i] + "\",\"entraUserPrincipalName\":\"user" + i
          + "@contoso.example\",\"department\":\"Engineering\",\"employeeId\":\"" + (100000 + i) + "\"}")
          .getBytes(StandardCharsets.UTF_8);
    }
  }

  /** A lowercase canonical GUID, as Entra spells oids (version 4 bits set). */
  static String guid(SplittableRandom random) {
    long hi = (random.nextLong() & ~0xF000L) | 0x4000L;
    long lo = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(hi, lo).toString();
  }

  long jsonBytes() {
    long sum = 0;
    for (byte[] b : json) {
      sum += b.length;
    }
    return sum;
  }
}
