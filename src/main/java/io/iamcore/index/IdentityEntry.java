package io.iamcore.index;

import java.util.UUID;

/**
 * One indexed identity, kept as small as Java allows (docs/identity-index.md): 12-byte header,
 * four longs, three references = 56 bytes. {@code next} chains the rare identities whose keys share
 * a hash. Immutable: a change builds a new chain, so readers on any thread see a whole one.
 */
final class IdentityEntry {

  private final long tenantHi;
  private final long tenantLo;
  private final long oidHi;
  private final long oidLo;
  private final String oidText;
  private final byte[] json;
  private final IdentityEntry next;

  IdentityEntry(UUID tenant, Oid oid, byte[] json, IdentityEntry next) {
    this.tenantHi = tenant.getMostSignificantBits();
    this.tenantLo = tenant.getLeastSignificantBits();
    this.oidHi = oid.hi();
    this.oidLo = oid.lo();
    this.oidText = oid.text();
    this.json = json;
    this.next = next;
  }

  private IdentityEntry(IdentityEntry copy, IdentityEntry next) {
    this.tenantHi = copy.tenantHi;
    this.tenantLo = copy.tenantLo;
    this.oidHi = copy.oidHi;
    this.oidLo = copy.oidLo;
    this.oidText = copy.oidText;
    this.json = copy.json;
    this.next = next;
  }

  byte[] json() {
    return json;
  }

  /** The entry of this chain for (tenant, oid), or null. */
  IdentityEntry find(UUID tenant, Oid oid) {
    for (IdentityEntry e = this; e != null; e = e.next) {
      if (e.is(tenant, oid)) {
        return e;
      }
    }
    return null;
  }

  /** This chain without (tenant, oid); null when nothing is left. */
  IdentityEntry without(UUID tenant, Oid oid) {
    IdentityEntry rest = next == null ? null : next.without(tenant, oid);
    if (is(tenant, oid)) {
      return rest;
    }
    return rest == next ? this : new IdentityEntry(this, rest);
  }

  /** The weigher's view: per-identity overhead plus JSON, for every identity of the chain. */
  int weight() {
    int weight = 0;
    for (IdentityEntry e = this; e != null; e = e.next) {
      weight += IdentityTable.OVERHEAD_BYTES + e.json.length;
    }
    return weight;
  }

  private boolean is(UUID tenant, Oid oid) {
    return tenantHi == tenant.getMostSignificantBits() && tenantLo == tenant.getLeastSignificantBits()
        && (oidText == null ? oid.text() == null && oidHi == oid.hi() && oidLo == oid.lo() : oidText.equals(oid.text()));
  }
}
