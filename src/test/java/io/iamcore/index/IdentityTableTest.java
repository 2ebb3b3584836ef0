package io.iamcore.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdentityTableTest {

  private static final UUID TENANT = UUID.fromString("11111111-2222-3333-4444-555555555555");
  private static final UUID OTHER_TENANT = UUID.fromString("99999999-2222-3333-4444-555555555555");
  private static final String OID = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final IdentityTable table = new IdentityTable(1 << 20, registry);

  private static byte[] json(String id) {
    return ("{\"id\":\"" + id + "\",\"objectType\":\"Identity\"}").getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void get_afterPut_returnsTheSameBytes() {
    byte[] json = json("E-1");
    table.put(TENANT, OID, json);
    assertThat(table.get(TENANT, OID)).isSameAs(json);
    assertThat(table.size()).isEqualTo(1);
  }

  @Test
  void get_otherTenantOrSpelling_misses() {
    table.put(TENANT, OID, json("E-1"));
    assertThat(table.get(OTHER_TENANT, OID)).isNull();
    assertThat(table.get(TENANT, OID.toUpperCase())).as("oids compare as strings").isNull();
    assertThat(table.get(TENANT, "{" + OID + "}")).isNull();
  }

  @Test
  void get_nonGuidOid_keptAsText() {
    table.put(TENANT, "not-a-guid", json("E-2"));
    table.put(TENANT, OID.toUpperCase(), json("E-3"));
    assertThat(new String(table.get(TENANT, "not-a-guid"), StandardCharsets.UTF_8)).contains("E-2");
    assertThat(new String(table.get(TENANT, OID.toUpperCase()), StandardCharsets.UTF_8)).contains("E-3");
    assertThat(table.get(TENANT, OID)).isNull();
  }

  @Test
  void put_sameKeyAgain_replaces() {
    table.put(TENANT, OID, json("E-1"));
    table.put(TENANT, OID, json("E-9"));
    assertThat(new String(table.get(TENANT, OID), StandardCharsets.UTF_8)).contains("E-9");
    assertThat(table.size()).isEqualTo(1);
  }

  @Test
  void remove_heldByAnotherIdentity_keepsIt() {
    table.put(TENANT, OID, json("E-2"));
    table.remove(TENANT, OID, "E-1");
    assertThat(table.get(TENANT, OID)).as("the oid moved on to E-2").isNotNull();
    table.remove(TENANT, OID, "E-2");
    assertThat(table.get(TENANT, OID)).isNull();
  }

  @Test
  void remove_withoutCoreId_removesWhateverItHolds() {
    table.put(TENANT, OID, json("E-2"));
    table.remove(TENANT, OID, null);
    assertThat(table.get(TENANT, OID)).isNull();
  }

  @Test
  void chain_sharedHash_answersOnlyTheExactKey() {
    // Two identities under one key, as a 64-bit hash collision would put them.
    Oid a = Oid.of(OID);
    Oid b = Oid.of("ffffffff-0000-0000-0000-000000000000");
    IdentityEntry chain = new IdentityEntry(TENANT, a, json("A"), new IdentityEntry(TENANT, b, json("B"), null));
    assertThat(chain.find(TENANT, a).json()).isEqualTo(json("A"));
    assertThat(chain.find(TENANT, b).json()).isEqualTo(json("B"));
    assertThat(chain.find(OTHER_TENANT, b)).isNull();
    assertThat(chain.find(TENANT, Oid.of("x"))).isNull();
    IdentityEntry withoutA = chain.without(TENANT, a);
    assertThat(withoutA.find(TENANT, a)).isNull();
    assertThat(withoutA.find(TENANT, b).json()).isEqualTo(json("B"));
    assertThat(withoutA.without(TENANT, b)).isNull();
    assertThat(chain.weight()).isEqualTo(2 * IdentityTable.OVERHEAD_BYTES + json("A").length + json("B").length);
  }

  @Test
  void oid_parsesCanonicalGuidLosslessly() {
    UUID random = UUID.randomUUID();
    Oid oid = Oid.of(random.toString());
    assertThat(oid.text()).isNull();
    assertThat(new UUID(oid.hi(), oid.lo())).isEqualTo(random);
    assertThat(Oid.of(random.toString().toUpperCase()).text()).isNotNull();
    assertThat(Oid.of(random.toString().replace('-', 'x')).text()).isNotNull();
  }

  @Test
  void put_pastTheByteBound_evictsAndRemembersIt() {
    IdentityTable small = new IdentityTable(50 * (IdentityTable.OVERHEAD_BYTES + 40), registry);
    for (int i = 0; i < 500; i++) {
      small.put(TENANT, UUID.randomUUID().toString(), json("E-" + i));
    }
    small.cleanUp();
    assertThat(small.size()).isLessThanOrEqualTo(50);
    assertThat(small.evicted()).isTrue();
    assertThat(registry.get("iamcore_index_evictions_total").counter().count()).isGreaterThan(0);
  }

  @Test
  void constructor_budgetBelowOneIdentity_refused() {
    assertThatThrownBy(() -> new IdentityTable(10, registry)).hasMessageContaining("10");
  }
}
