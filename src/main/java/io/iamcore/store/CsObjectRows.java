package io.iamcore.store;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Maps cs_object rows to {@link CsObject}; the column list every query selects. */
final class CsObjectRows {

  static final String COLUMNS =
      "tenant_id, connector_id, object_type, id, external_id, name_key, doc, version,"
          + " created_at, updated_at, deleted_at";

  private CsObjectRows() {}

  static CsObject map(Row row) {
    return new CsObject(
        new ObjectRef(
            row.getUUID("tenant_id"),
            row.getUUID("connector_id"),
            row.getString("object_type"),
            row.getUUID("id")),
        row.getString("external_id"),
        row.getString("name_key"),
        (JsonObject) row.getValue("doc"),
        row.getLong("version"),
        instant(row.getOffsetDateTime("created_at")),
        instant(row.getOffsetDateTime("updated_at")),
        instant(row.getOffsetDateTime("deleted_at")));
  }

  static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }

  static OffsetDateTime time(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
