package io.iamcore.store;

import java.util.Objects;
import java.util.UUID;

/**
 * How one object's keys changed, as hashes ({@link KeyDirectory#hash}); {@code null} where there
 * was, or is, no key. Travels between replicas as one line of a NOTIFY payload.
 */
record KeyChange(KeyDirectory.Scope scope, UUID id, Long oldName, Long oldExternalId, Long newName,
    Long newExternalId) {

  static KeyChange of(CsObject before, CsObject after) {
    ObjectRef ref = after.ref();
    boolean live = !after.deleted();
    return new KeyChange(new KeyDirectory.Scope(ref.tenantId(), ref.connectorId(), ref.objectType()), ref.id(),
        before == null ? null : hashOf(before.nameKey()), before == null ? null : hashOf(before.externalId()),
        live ? hashOf(after.nameKey()) : null, live ? hashOf(after.externalId()) : null);
  }

  boolean changesKeys() {
    return !Objects.equals(oldName, newName) || !Objects.equals(oldExternalId, newExternalId);
  }

  /** {@code tenant|connector|type|id|oldName|oldExternalId|newName|newExternalId}, hashes in hex. */
  String print() {
    return scope.tenantId() + "|" + scope.connectorId() + "|" + scope.objectType() + "|" + id + "|" + hex(oldName)
        + "|" + hex(oldExternalId) + "|" + hex(newName) + "|" + hex(newExternalId);
  }

  /** The change a {@link #print()} line describes; null for a line this version cannot read. */
  static KeyChange parse(String line) {
    String[] f = line.split("\\|", -1);
    if (f.length != 8) {
      return null;
    }
    try {
      return new KeyChange(new KeyDirectory.Scope(UUID.fromString(f[0]), UUID.fromString(f[1]), f[2]),
          UUID.fromString(f[3]), unhex(f[4]), unhex(f[5]), unhex(f[6]), unhex(f[7]));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static Long hashOf(String key) {
    return key == null ? null : KeyDirectory.hash(key);
  }

  private static String hex(Long hash) {
    return hash == null ? "" : Long.toHexString(hash);
  }

  private static Long unhex(String text) {
    return text.isEmpty() ? null : Long.parseUnsignedLong(text, 16);
  }
}
