package io.iamcore.scim.patch;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators of PATCH operations against an Entra-shaped User (fixture 06), as the JSON a client
 * sends: ops in any case, paths Entra uses (value filters with sub-attributes, the enterprise
 * extension, no path), values of every JSON type including Entra's {@code "True"}/{@code "False"}.
 * Shared by the applier-level properties and the HTTP tests.
 */
public final class PatchArbitraries {

  public static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  public static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

  private static final List<String> TYPES = List.of("work", "home", "mobile", "other");

  private PatchArbitraries() {}

  /** A PatchOp body around {@code operations}. */
  public static JsonObject body(List<JsonObject> operations) {
    return new JsonObject().put("schemas", new JsonArray().add(PATCH_OP))
        .put("Operations", new JsonArray(List.copyOf(operations)));
  }

  /** Operations that usually succeed (some fail on the state earlier ones leave). */
  public static Arbitrary<JsonObject> operations() {
    return Arbitraries.frequencyOf(
        Tuple.of(6, Combinators.combine(ops(), writablePaths(), values()).as(PatchArbitraries::op)),
        Tuple.of(2, Combinators.combine(Arbitraries.of("remove", "Remove"), writablePaths())
            .as((op, path) -> new JsonObject().put("op", op).put("path", path))),
        Tuple.of(1, Combinators.combine(Arbitraries.of("add", "replace", "Replace"), pathlessValues())
            .as((op, value) -> new JsonObject().put("op", op).put("value", value))));
  }

  /** Operations that fail whatever state the user is in, each with the scimType it must give. */
  public static Arbitrary<JsonObject> failingOperations() {
    return Arbitraries.of(
        op("replace", "id", "not-the-id"),
        op("add", "meta.version", "W/\"9\""),
        op("Replace", "meta", new JsonObject().put("created", "2000-01-01T00:00:00Z")),
        new JsonObject().put("op", "remove").put("path", "schemas"),
        new JsonObject().put("op", "remove"),
        new JsonObject().put("op", "add").put("path", "displayName"),
        new JsonObject().put("op", "copy").put("path", "displayName").put("value", "x"),
        new JsonObject().put("path", "displayName").put("value", "x"),
        op("add", "emails[type eq \"work\"", "x"),
        op("replace", "emails[type eq ]", "x"),
        op("add", "name..givenName", "x"),
        new JsonObject().put("op", "remove").put("path", "emails[type eq \"nonexistent\"]"),
        new JsonObject().put("op", "remove").put("path", "phoneNumbers[value eq \"+0 000\"].value"),
        op("replace", "displayName", null).put("value", (Object) null),
        op("add", 42, "x"));
  }

  /** A sequence of operations with one always-failing operation somewhere in it. */
  public static Arbitrary<List<JsonObject>> sequencesWithAFailure() {
    return Combinators.combine(operations().list().ofMaxSize(6), failingOperations(), Arbitraries.integers().between(0, 6))
        .as((ops, failing, at) -> {
          List<JsonObject> out = new java.util.ArrayList<>(ops);
          out.add(Math.min(at, out.size()), failing);
          return List.copyOf(out);
        });
  }

  private static JsonObject op(String op, Object path, Object value) {
    JsonObject json = new JsonObject().put("op", op).put("path", path);
    return value == null ? json : json.put("value", value);
  }

  private static Arbitrary<String> ops() {
    return Arbitraries.of("add", "replace", "Add", "Replace", "ADD");
  }

  static Arbitrary<String> writablePaths() {
    Arbitrary<String> type = Arbitraries.of(TYPES);
    Arbitrary<String> filtered = Combinators.combine(
            Arbitraries.of("emails", "phoneNumbers", "addresses"), type,
            Arbitraries.of("", ".value", ".display", ".primary", ".locality"))
        .as((attr, t, sub) -> attr + "[type eq \"" + t + "\"]" + sub);
    Arbitrary<String> plain = Arbitraries.of("displayName", "title", "nickName", "preferredLanguage", "active",
        "name.givenName", "name.familyName", "name", "emails", "phoneNumbers", "roles", "addresses",
        "emails.value", "externalId", "timezone", "profileUrl",
        ENTERPRISE + ":department", ENTERPRISE + ":employeeNumber", ENTERPRISE + ":manager",
        ENTERPRISE + ":costCenter", "emails[primary eq true].value", "emails[value co \"@\"].type",
        "phoneNumbers[type eq \"work\" or type eq \"mobile\"].value");
    return Arbitraries.frequencyOf(Tuple.of(3, plain), Tuple.of(2, filtered));
  }

  static Arbitrary<Object> values() {
    Arbitrary<Object> scalars = Arbitraries.oneOf(
        Arbitraries.strings().alpha().numeric().withChars(' ', '@', '.', '"', '\\', 'é').ofMinLength(1).ofMaxLength(12)
            .map(s -> (Object) s),
        Arbitraries.of(true, false, "True", "False", 7, 3.5, "").map(v -> (Object) v));
    Arbitrary<Object> entry = Combinators.combine(
            Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8), Arbitraries.of(TYPES),
            Arbitraries.of(true, false))
        .as((value, type, primary) -> (Object) new JsonObject().put("value", value + "@x.example").put("type", type)
            .put("primary", primary));
    Arbitrary<Object> array = entry.list().ofMaxSize(3).map(list -> (Object) new JsonArray(List.copyOf(list)));
    Arbitrary<Object> name = Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8)
        .map(s -> (Object) new JsonObject().put("givenName", s).put("formatted", s + " X"));
    Arbitrary<Object> manager = Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8)
        .map(s -> (Object) new JsonObject().put("value", s));
    return Arbitraries.frequencyOf(Tuple.of(5, scalars), Tuple.of(2, entry), Tuple.of(2, array), Tuple.of(1, name),
        Tuple.of(1, manager));
  }

  /** Values of a path-less add/replace: an object of attribute paths, as Entra's compliant dialect sends. */
  static Arbitrary<Object> pathlessValues() {
    Arbitrary<String> key = Arbitraries.of("displayName", "title", "name.givenName", "nickName", "active",
        ENTERPRISE + ":department", "emails[type eq \"work\"].value");
    return Combinators.combine(key, values(), key, values())
        .as((k1, v1, k2, v2) -> (Object) new JsonObject().put(k1, v1).put(k2, v2));
  }
}
