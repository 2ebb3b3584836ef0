package io.iamcore.scim.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamcore.scim.filter.EntraCorpus;
import io.iamcore.scim.patch.PatchGenerators;
import io.iamcore.testing.Cases;
import io.iamcore.testing.HttpResult;
import io.iamcore.testing.RunningGateway;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The PATCH properties through HTTP against the real server and database: the group-commit
 * writer, storage and representation included.
 */
class ScimPatchHttpTest {

  private static final Set<String> PATCH_ERRORS = Set.of("invalidSyntax", "invalidPath", "invalidValue",
      "noTarget", "mutability");

  private static RunningGateway gateway;
  private static String connector;
  private static String token;
  private static String target;
  private static final AtomicInteger serial = new AtomicInteger();

  @BeforeAll
  static void start() {
    gateway = RunningGateway.start(io.iamcore.testing.LoadedBoxGatewayTestBase.PATIENT_POOL);
    String tenant = UUID.randomUUID().toString();
    connector = gateway.createScimConnector(tenant).getString("id");
    token = gateway.issueSecret(tenant, connector);
    target = create("target").json().getString("id");
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  private static String users(String rest) {
    return RunningGateway.scimPath(connector, "/Users" + rest);
  }

  /** Entra's full user (fixture 06) under a unique userName; every copy has the same externalId. */
  private static HttpResult create(String name) {
    JsonObject user = EntraCorpus.load("06-").getJsonObject("body").copy()
        .put("userName", name + "-" + serial.incrementAndGet() + "@contoso.example");
    HttpResult created = gateway.send("POST", users(""), token, user);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created;
  }

  private static HttpResult patch(String id, List<JsonObject> operations) {
    return gateway.send("PATCH", users("/" + id), token, PatchGenerators.body(operations));
  }

  @Test
  void failingPatch_leavesTheStoredResourceByteForByte() {
    Cases.run(150, gen -> {
      List<JsonObject> operations = PatchGenerators.sequenceWithAFailure(gen);
      HttpResult before = gateway.send("GET", users("/" + target), token, null);
      HttpResult failed = patch(target, operations);
      HttpResult after = gateway.send("GET", users("/" + target), token, null);

      assertThat(failed.status()).as(failed.body()).isEqualTo(400);
      ScimHttpChecks.wellFormed(operations.toString(), failed, PATCH_ERRORS);
      assertThat(after.body()).isEqualTo(before.body());
      assertThat(after.header("ETag")).isEqualTo(before.header("ETag"));
      assertThat(after.json().getJsonObject("meta").getString("version"))
          .isEqualTo(before.json().getJsonObject("meta").getString("version"));
    });
  }

  /**
   * Two identical users: one gets the operations in one request, the other one request per
   * operation. When every single request succeeds, the one request succeeds too and both users
   * end up the same (apart from id, userName and meta).
   */
  @Test
  void sequenceInOneRequest_equalsOneOperationPerRequest() {
    AtomicInteger allApplied = new AtomicInteger();
    Cases.run(40, gen -> {
      List<JsonObject> operations = PatchGenerators.operations(gen, 2, 6);
      if (sameOutcome(operations)) {
        allApplied.incrementAndGet();
      }
    });
    // the property is vacuous for sequences where some single request fails
    assertThat(allApplied.get()).as("sequences whose every operation applied").isPositive();
  }

  /** Whether every single request succeeded (and then the comparison was made). */
  private static boolean sameOutcome(List<JsonObject> operations) {
    String together = create("together").json().getString("id");
    String oneByOne = create("onebyone").json().getString("id");
    try {
      HttpResult all = patch(together, operations);
      HttpResult last = null;
      for (JsonObject operation : operations) {
        last = patch(oneByOne, List.of(operation));
        if (last.status() != 200) {
          ScimHttpChecks.wellFormed(operation.encode(), last, PATCH_ERRORS);
          return false;
        }
      }
      assertThat(all.status()).as(all.body()).isEqualTo(200);
      assertThat(comparable(all.json())).as(operations.toString()).isEqualTo(comparable(last.json()));
      return true;
    } finally {
      gateway.send("DELETE", users("/" + together), token, null);
      gateway.send("DELETE", users("/" + oneByOne), token, null);
    }
  }

  private static JsonObject comparable(JsonObject user) {
    JsonObject copy = user.copy();
    copy.remove("id");
    copy.remove("meta");
    copy.remove("userName");
    return copy;
  }
}
