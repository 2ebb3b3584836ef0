package io.iamcore.scim;

import io.iamcore.scim.filter.JsonKeys;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Reads member references ({@code members} values, RFC 7643 §4.2) from requests. A member is named
 * by {@code value}, the id of a User of the same connector; {@code $ref} and {@code display} are
 * ignored (Entra sends {@code "$ref": null}; display is read-only), and {@code type}, when given,
 * must be {@code User}: nested groups are not supported.
 */
public final class GroupMembers {

  private GroupMembers() {}

  /**
   * The user ids of {@code value}: an array of member objects or one member object.
   *
   * @throws ScimException invalidValue for anything else, naming {@code where}
   */
  public static List<UUID> ids(Object value, String where) {
    if (value instanceof JsonObject single) {
      return List.of(id(single, where));
    }
    if (!(value instanceof JsonArray array)) {
      throw ScimException.invalidValue(where + " must be an array of {\"value\": \"<user id>\"}");
    }
    Set<UUID> ids = new LinkedHashSet<>();
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof JsonObject member)) {
        throw ScimException.invalidValue(where + "[" + i + "] must be an object {\"value\": \"<user id>\"}");
      }
      ids.add(id(member, where + "[" + i + "]"));
    }
    return new ArrayList<>(ids);
  }

  private static UUID id(JsonObject member, String where) {
    Object type = JsonKeys.get(member, "type");
    if (type != null && !(type instanceof String t && t.equalsIgnoreCase("User"))) {
      throw ScimException.invalidValue(where + ".type must be User: only Users can be members of a Group here");
    }
    Object value = JsonKeys.get(member, "value");
    if (!(value instanceof String id)) {
      throw ScimException.invalidValue(where + ".value must be the id of a User");
    }
    UUID parsed = parse(id);
    if (parsed == null) {
      throw notAUser(id);
    }
    return parsed;
  }

  /** The UUID {@code id} names, or null when it is none (so it cannot be an id we assigned). */
  public static UUID parse(String id) {
    try {
      return id.length() == 36 ? UUID.fromString(id) : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * RFC 7644 §3.12 {@code invalidValue}: "the value specified was not compatible with the
   * operation or attribute type" (a reference to no User of this connector).
   */
  public static ScimException notAUser(String id) {
    return ScimException.invalidValue("member '" + (id.length() <= 64 ? id : id.substring(0, 64) + "…") + "' is not a User of this connector");
  }
}
