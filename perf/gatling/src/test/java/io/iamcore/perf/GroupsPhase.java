package io.iamcore.perf;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Session;
import io.iamcore.perf.Admin.ScimConnector;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * initialCycle's optional groups (off by default): Entra creates each group without members
 * (fixture 25), then adds them in PATCHes of at most 100 (fixture 28, {@code Add members} with
 * {@code $ref: null}). Group {@code g} of a tenant holds that tenant's users
 * {@code [g * groupSize, (g + 1) * groupSize)}.
 */
final class GroupsPhase {

  static final int MEMBERS_PER_PATCH = 100;

  private GroupsPhase() {}

  static PopulationBuilder population(Settings settings, int tenant, ScimConnector connector,
      AtomicReferenceArray<String> userIds) {
    int size = Math.max(1, settings.groupSize());
    int groups = (userIds.length() + size - 1) / size;
    AtomicInteger next = new AtomicInteger();
    ChainBuilder claim = exec(session -> {
      int g = next.getAndIncrement();
      return session.set("g", g).set("more", g < groups);
    });
    ChainBuilder oneGroup = exec(
        http("GET probe group").get(session -> connector.scimPath()
                + "/Groups?excludedAttributes=members&filter=displayName+eq+%22" + name(settings, tenant, session) + "%22")
            .check(status().is(200), jsonPath("$.totalResults").ofInt().is(0)),
        http("POST group").post(connector.scimPath() + "/Groups")
            .body(StringBody(session -> createBody(settings, tenant, session)))
            .check(status().is(201), jsonPath("$.id").saveAs("groupId")))
        .exitHereIfFailed()
        .exec(repeat(session -> chunks(session, size, userIds), "chunk").on(exec(
            http("PATCH group add 100 members")
                .patch(session -> connector.scimPath() + "/Groups/" + session.getString("groupId"))
                .body(StringBody(session -> addMembers(session, size, userIds)))
                .check(status().in(200, 204)))));
    return scenario("initialCycle groups tenant " + tenant)
        .exec(claim)
        .exec(asLongAs(session -> session.getBoolean("more")).on(exec(oneGroup).exec(claim)))
        .injectOpen(atOnceUsers(Math.min(settings.concurrency(), Math.max(1, groups))))
        .protocols(Protocols.scim(settings, connector.secret()));
  }

  private static String name(Settings settings, int tenant, Session session) {
    return "Group " + session.getInt("g") + " t" + tenant + " " + settings.run();
  }

  private static int chunks(Session session, int size, AtomicReferenceArray<String> userIds) {
    int members = Math.min(size, userIds.length() - session.getInt("g") * size);
    return (members + MEMBERS_PER_PATCH - 1) / MEMBERS_PER_PATCH;
  }

  private static String createBody(Settings settings, int tenant, Session session) {
    ObjectNode group = Admin.JSON.createObjectNode();
    group.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:Group")
        .add("http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group");
    group.put("externalId", UUID.nameUUIDFromBytes(name(settings, tenant, session).getBytes()).toString())
        .put("displayName", name(settings, tenant, session));
    group.putObject("meta").put("resourceType", "Group");
    return group.toString();
  }

  private static String addMembers(Session session, int size, AtomicReferenceArray<String> userIds) {
    int from = session.getInt("g") * size + session.getInt("chunk") * MEMBERS_PER_PATCH;
    int to = Math.min(Math.min(from + MEMBERS_PER_PATCH, (session.getInt("g") + 1) * size), userIds.length());
    ObjectNode patch = Admin.JSON.createObjectNode();
    patch.putArray("schemas").add("urn:ietf:params:scim:api:messages:2.0:PatchOp");
    ArrayNode members = patch.putArray("Operations").addObject().put("op", "Add").put("path", "members")
        .putArray("value");
    for (int i = from; i < to; i++) {
      String id = userIds.get(i);
      if (id != null) {
        members.addObject().putNull("$ref").put("value", id);
      }
    }
    return patch.toString();
  }
}
