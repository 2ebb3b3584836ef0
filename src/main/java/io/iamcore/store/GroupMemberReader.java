package io.iamcore.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads group member lists, for responses that ask for {@code members} (Entra never does: it sends
 * {@code excludedAttributes=members}, and then nothing here runs). Members are live users only, in
 * id order, with the user's displayName as {@code display}.
 */
public final class GroupMemberReader {

  private static final String MEMBERS =
      "SELECT m.group_id, m.member_id, u.doc ->> 'displayName' FROM group_member m"
          + " JOIN cs_object u ON u.tenant_id = m.tenant_id AND u.connector_id = m.connector_id"
          + " AND u.object_type = 'user' AND u.id = m.member_id AND u.deleted_at IS NULL"
          + " WHERE m.tenant_id = $1 AND m.connector_id = $2 AND m.group_id = ANY($3)"
          + " ORDER BY m.group_id, m.member_id";

  /** One member as a response shows it. */
  public record Member(UUID id, String display) {}

  private final Pool pool;

  public GroupMemberReader(Pool pool) {
    this.pool = pool;
  }

  /** The members of each of {@code groups} (of one connector); a group without members is absent. */
  public Future<Map<UUID, List<Member>>> members(UUID tenant, UUID connector, List<UUID> groups) {
    if (groups.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return pool.preparedQuery(MEMBERS)
        .execute(Tuple.of(tenant, connector, groups.toArray(UUID[]::new)))
        .map(rows -> {
          Map<UUID, List<Member>> byGroup = new HashMap<>();
          for (Row row : rows) {
            byGroup.computeIfAbsent(row.getUUID(0), g -> new ArrayList<>())
                .add(new Member(row.getUUID(1), row.getString(2)));
          }
          return byGroup;
        });
  }
}
