package io.iamcore.scim.endpoint;

import io.iamcore.scim.ScimException;
import io.iamcore.scim.ScimSchemas;
import io.iamcore.scim.filter.AttrPath;
import io.iamcore.scim.filter.Filter;
import io.iamcore.scim.filter.FilterEvaluator;
import io.iamcore.scim.filter.Op;
import io.iamcore.store.CsObject;
import io.iamcore.store.CsObjectReader;
import io.iamcore.store.KeyDirectory;
import io.iamcore.store.NameKeys;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Answers filtered User queries from the connector space's in-memory keys: {@code userName eq},
 * {@code externalId eq} and {@code id eq}, alone or and-ed with further conditions that are then
 * checked on the few candidate rows. A miss costs no database round trip; a hit costs one
 * primary-key read. Other filters are refused with invalidFilter until they are translated to SQL.
 */
final class UserQueries {

  private final CsObjectReader reader;
  private final KeyDirectory keys;
  private final FilterEvaluator evaluator = new FilterEvaluator();

  UserQueries(CsObjectReader reader, KeyDirectory keys) {
    this.reader = reader;
    this.keys = keys;
  }

  /**
   * The users matching {@code filter}, ordered by id.
   *
   * @param render the client representation, which the filter is evaluated against
   */
  Future<List<CsObject>> find(KeyDirectory.Scope scope, Filter filter, Function<CsObject, JsonObject> render) {
    Filter.Compare key = indexedTerm(filter);
    if (key == null) {
      throw ScimException.invalidFilter("this filter is not supported yet: use userName eq, externalId eq"
          + " or id eq, optionally and-ed with further conditions");
    }
    String value = (String) key.value();
    return candidates(scope, key.path(), value)
        .compose(ids -> reader.byIds(scope.tenantId(), scope.connectorId(), scope.objectType(), ids))
        .map(rows -> {
          List<CsObject> matches = new ArrayList<>();
          for (CsObject row : rows) {
            if (exactKeyMatch(key.path(), value, row) && evaluator.matches(filter, render.apply(row))) {
              matches.add(row);
            }
          }
          matches.sort(Comparator.comparing(o -> o.ref().id()));
          return matches;
        });
  }

  private Future<List<UUID>> candidates(KeyDirectory.Scope scope, AttrPath path, String value) {
    if (path.isAttribute("userName")) {
      return keys.byName(scope, NameKeys.canonical(value));
    }
    if (path.isAttribute("externalId")) {
      return keys.byExternalId(scope, value);
    }
    try {
      return Future.succeededFuture(List.of(UUID.fromString(value)));
    } catch (IllegalArgumentException e) {
      return Future.succeededFuture(List.of());  // not an id we could have assigned
    }
  }

  /** The directory holds hashes: confirm the candidate really has the key. */
  private static boolean exactKeyMatch(AttrPath path, String value, CsObject row) {
    if (path.isAttribute("userName")) {
      return NameKeys.canonical(value).equals(row.nameKey());
    }
    if (path.isAttribute("externalId")) {
      return value.equals(row.externalId());
    }
    return true;
  }

  /** An {@code eq} on an in-memory key, at the top or anywhere down a chain of {@code and}s. */
  private static Filter.Compare indexedTerm(Filter filter) {
    if (filter instanceof Filter.Compare c) {
      return isKey(c) ? c : null;
    }
    if (filter instanceof Filter.And and) {
      Filter.Compare left = indexedTerm(and.left());
      return left != null ? left : indexedTerm(and.right());
    }
    return null;
  }

  private static boolean isKey(Filter.Compare c) {
    AttrPath path = c.path();
    boolean coreSchema = path.schemaUrn() == null || path.schemaUrn().equalsIgnoreCase(ScimSchemas.USER);
    return c.op() == Op.EQ
        && c.value() instanceof String
        && coreSchema
        && path.subAttribute() == null
        && (path.isAttribute("userName") || path.isAttribute("externalId") || path.isAttribute("id"));
  }
}
