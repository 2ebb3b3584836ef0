package io.iamcore.scim.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iamcore.scim.ScimException;
import io.vertx.core.json.JsonObject;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * PATCH atomicity and composition at the applier level (RFC 7644 §3.5.2: "the entire PATCH
 * request MUST be rejected" when one operation fails; operations apply in order).
 */
class PatchProperties {

  private final PatchApplier applier = new PatchApplier();

  @Property(tries = 1000)
  void apply_aFailingOperationAnywhere_rejectsAllAndLeavesTheResourceByteForByte(
      @ForAll("withFailure") List<JsonObject> operations) {
    JsonObject user = TestResources.entraUser();
    String before = user.encode();
    assertThatThrownBy(() -> applier.apply(user, PatchRequest.parse(PatchArbitraries.body(operations))))
        .isInstanceOfSatisfying(ScimException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.scimType()).isNotNull();
        });
    assertThat(user.encode()).isEqualTo(before);
  }

  @Property(tries = 1000)
  void apply_anyOperations_neverModifiesTheInput(@ForAll("sequences") List<JsonObject> operations) {
    JsonObject user = TestResources.entraUser();
    String before = user.encode();
    try {
      applier.apply(user, PatchRequest.parse(PatchArbitraries.body(operations)));
    } catch (ScimException e) {
      assertThat(e.status()).isEqualTo(400);
    }
    assertThat(user.encode()).isEqualTo(before);
  }

  /**
   * One request with n operations equals n requests with one each: both succeed with the same
   * resource, or both fail with the error of the first operation that fails.
   */
  @Property(tries = 1500)
  void apply_sequenceInOneRequest_equalsOneOperationPerRequest(@ForAll("sequences") List<JsonObject> operations) {
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
    assertThat(together.scimType()).isEqualTo(oneByOne.scimType());
    assertThat(together.resource()).isEqualTo(oneByOne.resource());
    Statistics.label("outcome").collect(together.scimType() == null ? "applied" : together.scimType());
  }

  /** The composition property says little unless most generated sequences apply. */
  @Property(tries = 1500)
  @StatisticsReport(onFailureOnly = true)
  void sequences_mostlyApply(@ForAll("sequences") List<JsonObject> operations) {
    JsonObject user = TestResources.entraUser();
    Outcome together = outcome(() -> applier.apply(user, parse(operations)).resource());
    Statistics.label("outcome").collect(together.scimType() == null ? "applied" : "failed");
    Statistics.label("outcome").coverage(c -> c.check("applied").percentage(p -> p > 50));
  }

  private static List<PatchOperation> parse(List<JsonObject> operations) {
    return PatchRequest.parse(PatchArbitraries.body(operations));
  }

  private record Outcome(JsonObject resource, String scimType) {}

  private static Outcome outcome(java.util.function.Supplier<JsonObject> run) {
    try {
      return new Outcome(run.get(), null);
    } catch (ScimException e) {
      return new Outcome(null, e.status() + " " + e.scimType());
    }
  }

  @Provide
  Arbitrary<List<JsonObject>> withFailure() {
    return PatchArbitraries.sequencesWithAFailure();
  }

  @Provide
  Arbitrary<List<JsonObject>> sequences() {
    return PatchArbitraries.operations().list().ofMinSize(1).ofMaxSize(8);
  }
}
