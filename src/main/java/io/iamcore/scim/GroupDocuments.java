package io.iamcore.scim;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns a client's Group body into the document we store and its member list. The document never
 * holds {@code members}: memberships are rows of their own ({@code group_member}), so that a change
 * of one member never rewrites the list.
 */
public final class GroupDocuments {

  static final int MAX_DISPLAY_NAME_LENGTH = 1024;

  private GroupDocuments() {}

  /**
   * A Group request body: the document to store and the members it names.
   *
   * @param members the member user ids, or an empty list when the body has none
   */
  public record Body(JsonObject doc, List<UUID> members) {
    public Body {
      members = List.copyOf(members);
    }
  }

  /**
   * Validates {@code body} as a Group for POST or PUT.
   *
   * @throws ScimException invalidSyntax / invalidValue naming the attribute
   */
  public static Body fromRequest(JsonObject body) {
    JsonObject doc = document(body);
    Object members = UserDocuments.find(body, "members");
    return new Body(doc, members == null ? List.of() : GroupMembers.ids(members, "members"));
  }

  /**
   * The stored document for {@code resource} (a request body or a patched document): server-owned
   * attributes, nulls and {@code members} dropped; schemas and displayName checked.
   */
  public static JsonObject document(JsonObject resource) {
    if (!UserDocuments.containsIgnoreCase(UserDocuments.schemas(resource), ScimSchemas.GROUP)) {
      throw ScimException.invalidValue("schemas must include " + ScimSchemas.GROUP);
    }
    JsonObject doc = new JsonObject();
    for (Map.Entry<String, Object> entry : resource) {
      String key = entry.getKey();
      if (key.equalsIgnoreCase("id") || key.equalsIgnoreCase("meta") || key.equalsIgnoreCase("members")
          || entry.getValue() == null) {
        continue;
      }
      doc.put(key, UserDocuments.clean(entry.getValue(), key, 1));
    }
    displayName(doc);
    Object externalId = UserDocuments.find(doc, "externalId");
    if (externalId != null && !(externalId instanceof String)) {
      throw ScimException.invalidValue("externalId must be a string");
    }
    return doc;
  }

  /** The document's displayName: required, a non-blank string, the per-connector uniqueness key. */
  public static String displayName(JsonObject doc) {
    Object value = UserDocuments.find(doc, "displayName");
    if (!(value instanceof String name) || name.isBlank()) {
      throw ScimException.invalidValue("displayName is required and must be a non-empty string");
    }
    if (name.length() > MAX_DISPLAY_NAME_LENGTH) {
      throw ScimException.invalidValue("displayName is longer than " + MAX_DISPLAY_NAME_LENGTH + " characters");
    }
    return name;
  }
}
