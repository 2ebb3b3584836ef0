package io.iamcore.scim.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iamcore.scim.ScimException;
import io.iamcore.testing.Cases;
import io.iamcore.testing.Gen;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * PATCH atomicity and composition at the applier level (RFC 7644 §3.5.2: "the entire PATCH
 * request MUST be rejected" when one operation fails; operations apply in order).
 */
class PatchPropertiesTest {

  private final PatchApplier applier = new PatchApplier();

  @Test
  void apply_aFailingOperationAnywhere_rejectsAllAndLeavesTheResourceByteForByte() {
    Cases.run(1000, gen -> {
      List<JsonObject> operations = PatchGenerators.sequenceWithAFailure(gen);
      JsonObject user = TestResources.entraUser();
      String before = user.encode();
      assertThatThrownBy(() -> applier.apply(user, PatchRequest.parse(PatchGenerators.body(operations))))
          .as(operations.toString())
          .isInstanceOfSatisfying(ScimException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.scimType()).isNotNull();
          });
      assertThat(user.encode()).as(operations.toString()).isEqualTo(before);
    });
  }

  @Test
  void apply_anyOperations_neverModifiesTheInput() {
    Cases.run(1000, gen -> {
      List<JsonObject> operations = sequence(gen);
      JsonObject user = TestResources.entraUser();
      String before = user.encode();
      try {
        applier.apply(user, PatchRequest.parse(PatchGenerators.body(operations)));
      } catch (ScimException e) {
        assertThat(e.status()).as(operations.toString()).isEqualTo(400);
      }
      assertThat(user.encode()).as(operations.toString()).isEqualTo(before);
    });
  }

  /**
   * One request with n operations equals n requests with one each: both succeed with the same
   * resource, or both fail with the error of the first operation that fails.
   */
  @Test
  void apply_sequenceInOneRequest_equalsOneOperationPerRequest() {
    Cases.run(1500, gen -> {
      List<JsonObject> operations = sequence(gen);
      JsonObject user = TestResources.entraUser();
      Outcome together = outcome(() -> applier.apply(user, parse(operations)).resource());
      Outcome oneByOne = outcome(() -> {
        JsonObject state = user;
        for (int i = 0; i < operations.size(); i++) {
          try {
            state = applier.apply(state, parse(List.of(operations.get(i)))).resource();
          } catch (ScimException e) {
            throw new ScimException(e.status(), e.scimType(), "at " + i + ": " + e.detail());
          }
        }
        return state;
      });
      assertThat(together.scimType()).as(operations.toString()).isEqualTo(oneByOne.scimType());
      assertThat(together.resource()).as(operations.toString()).isEqualTo(oneByOne.resource());
    });
  }

  /** The composition property says little unless most generated sequences apply. */
  @Test
  void sequences_mostlyApply() {
    AtomicInteger applied = new AtomicInteger();
    int cases = Cases.run(1500, gen -> {
      List<JsonObject> operations = sequence(gen);
      JsonObject user = TestResources.entraUser();
      if (outcome(() -> applier.apply(user, parse(operations)).resource()).scimType() == null) {
        applied.incrementAndGet();
      }
    });
    assertThat(applied.get() * 100.0 / cases).as("%% of %d sequences applied", cases).isGreaterThan(50);
  }

  /** 1..8 operations that usually succeed. */
  private static List<JsonObject> sequence(Gen gen) {
    return PatchGenerators.operations(gen, 1, 8);
  }

  private static List<PatchOperation> parse(List<JsonObject> operations) {
    return PatchRequest.parse(PatchGenerators.body(operations));
  }

  private record Outcome(JsonObject resource, String scimType) {}

  private static Outcome outcome(java.util.function.Supplier<JsonObject> run) {
    try {
      return new Outcome(run.get(), null);
    } catch (ScimException e) {
      return new Outcome(null, e.status() + " " + e.scimType());
    }
  }
}
