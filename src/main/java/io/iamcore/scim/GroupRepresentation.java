package io.iamcore.scim;

import io.iamcore.store.CsObject;
import io.iamcore.store.GroupMemberReader.Member;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** A stored Group as the client sees it: its document, {@code members} when asked for, and meta. */
public final class GroupRepresentation {

  private GroupRepresentation() {}

  /**
   * @param base the absolute URL of the connector's SCIM base
   * @param members the members to show, or null to leave {@code members} out (not asked for)
   */
  public static JsonObject render(CsObject group, String base, List<Member> members) {
    JsonObject json = new JsonObject().put("id", group.ref().id().toString());
    group.doc().forEach(entry -> json.put(entry.getKey(), entry.getValue()));
    if (members != null && !members.isEmpty()) {
      JsonArray list = new JsonArray();
      for (Member member : members) {
        JsonObject item = new JsonObject()
            .put("value", member.id().toString())
            .put("$ref", base + "/Users/" + member.id())
            .put("type", "User");
        if (member.display() != null) {
          item.put("display", member.display());
        }
        list.add(item);
      }
      json.put("members", list);
    }
    return json.put("meta", new JsonObject()
        .put("resourceType", "Group")
        .put("created", group.createdAt().toString())
        .put("lastModified", group.updatedAt().toString())
        .put("location", base + "/Groups/" + group.ref().id())
        .put("version", group.etag()));
  }
}
