package io.iamcore.scim.patch;

import static io.iamcore.testing.Gen.w;

import io.iamcore.testing.Gen;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Generators of PATCH operations against an Entra-shaped User (fixture 06), as the JSON a client
 * sends: ops in any case, paths Entra uses (value filters with sub-attributes, the enterprise
 * extension, no path), values of every JSON type including Entra's {@code "True"}/{@code "False"}.
 * Shared by the applier-level tests and the HTTP tests.
 */
public final class PatchGenerators {

  public static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  public static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

  private static final List<String> TYPES = List.of("work", "home", "mobile", "other");
  private static final List<String> PLAIN_PATHS = List.of("displayName", "title", "nickName", "preferredLanguage",
      "active", "name.givenName", "name.familyName", "name", "emails", "phoneNumbers", "roles", "addresses",
      "emails.value", "externalId", "timezone", "profileUrl",
      ENTERPRISE + ":department", ENTERPRISE + ":employeeNumber", ENTERPRISE + ":manager",
      ENTERPRISE + ":costCenter", "emails[primary eq true].value", "emails[value co \"@\"].type",
      "phoneNumbers[type eq \"work\" or type eq \"mobile\"].value");
  private static final List<String> PATHLESS_KEYS = List.of("displayName", "title", "name.givenName", "nickName",
      "active", ENTERPRISE + ":department", "emails[type eq \"work\"].value");
  private static final List<Object> SCALARS = List.of(true, false, "True", "False", 7, 3.5, "");
  private static final String ALPHA = Gen.chars('a', 'z') + Gen.chars('A', 'Z');
  private static final String VALUE_CHARS = ALPHA + Gen.chars('0', '9') + " @.\"\\é";

  private PatchGenerators() {}

  /** A PatchOp body around {@code operations}. */
  public static JsonObject body(List<JsonObject> operations) {
    return new JsonObject().put("schemas", new JsonArray().add(PATCH_OP))
        .put("Operations", new JsonArray(List.copyOf(operations)));
  }

  /** {@code min}..{@code max} operations that usually succeed. */
  public static List<JsonObject> operations(Gen gen, int min, int max) {
    return gen.list(min, max, () -> operation(gen));
  }

  /** An operation that usually succeeds (some fail on the state earlier ones leave). */
  public static JsonObject operation(Gen gen) {
    return gen.frequency(
        w(6, () -> op(gen.pick("add", "replace", "Add", "Replace", "ADD"), writablePath(gen), value(gen))),
        w(2, () -> new JsonObject().put("op", gen.pick("remove", "Remove")).put("path", writablePath(gen))),
        w(1, () -> new JsonObject().put("op", gen.pick("add", "replace", "Replace")).put("value", pathlessValue(gen))));
  }

  /** An operation that fails whatever state the user is in. */
  public static JsonObject failingOperation(Gen gen) {
    return gen.pick(
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

  /** 0..6 operations with one always-failing operation somewhere in them. */
  public static List<JsonObject> sequenceWithAFailure(Gen gen) {
    List<JsonObject> out = new ArrayList<>(operations(gen, 0, 6));
    JsonObject failing = failingOperation(gen);
    out.add(Math.min(gen.between(0, 6), out.size()), failing);
    return List.copyOf(out);
  }

  private static JsonObject op(String op, Object path, Object value) {
    JsonObject json = new JsonObject().put("op", op).put("path", path);
    return value == null ? json : json.put("value", value);
  }

  static String writablePath(Gen gen) {
    return gen.frequency(
        w(3, () -> gen.pick(PLAIN_PATHS)),
        w(2, () -> gen.pick("emails", "phoneNumbers", "addresses") + "[type eq \"" + gen.pick(TYPES) + "\"]"
            + gen.pick("", ".value", ".display", ".primary", ".locality")));
  }

  static Object value(Gen gen) {
    return gen.frequency(
        w(5, () -> gen.bool() ? gen.string(VALUE_CHARS, 1, 12) : gen.pick(SCALARS)),
        w(2, () -> entry(gen)),
        w(2, () -> new JsonArray(gen.list(0, 3, () -> entry(gen)))),
        w(1, () -> {
          String s = gen.string(ALPHA, 1, 8);
          return new JsonObject().put("givenName", s).put("formatted", s + " X");
        }),
        w(1, () -> new JsonObject().put("value", gen.string(ALPHA, 1, 8))));
  }

  private static JsonObject entry(Gen gen) {
    return new JsonObject().put("value", gen.string(ALPHA, 1, 8) + "@x.example").put("type", gen.pick(TYPES))
        .put("primary", gen.bool());
  }

  /** Values of a path-less add/replace: an object of attribute paths, as Entra's compliant dialect sends. */
  static Object pathlessValue(Gen gen) {
    String k1 = gen.pick(PATHLESS_KEYS);
    Object v1 = value(gen);
    String k2 = gen.pick(PATHLESS_KEYS);
    return new JsonObject().put(k1, v1).put(k2, value(gen));
  }
}
