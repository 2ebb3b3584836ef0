package io.iamcore.scim.endpoint;

import io.iamcore.scim.ScimException;
import io.iamcore.scim.filter.AttrPath;
import io.iamcore.scim.filter.Filter;
import io.iamcore.scim.filter.FilterEvaluator;
import io.iamcore.scim.filter.FilterParser;
import io.iamcore.scim.filter.Op;
import io.iamcore.scim.schema.CoreSchemas;
import io.iamcore.scim.schema.ResourceType;
import io.iamcore.scim.schema.SchemaRegistry;
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
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Answers User (and Group) list and search queries. For Groups the in-memory key is displayName
 * (canonical, unique per connector) instead of userName, and a filter naming {@code members} always
 * goes to SQL (the rendered group the in-memory check sees has no members).
 *
 * <ul>
 *   <li>Entra's probes, {@code userName eq}, {@code externalId eq} and {@code id eq} (alone or
 *       and-ed with further conditions, without {@code sortBy}), come from the connector space's
 *       in-memory keys: a miss costs no database round trip, a hit one primary-key read, and the
 *       rest of the filter is checked on the few candidate rows in memory.
 *   <li>Every other query is one SQL count and one SQL page over {@code cs_object}
 *       ({@link FilterSql}, {@link SortSql}): never the connector space in memory.
 * </ul>
 */
final class UserQueries {

  /**
   * SQL searches in flight at once on this gateway; beyond it 503. A search may scan the connector
   * space for up to {@link CsObjectReader#SEARCH_TIMEOUT_MILLIS}: without a bound, a client could
   * hold every pooled connection and starve the writer.
   */
  static final int MAX_CONCURRENT_SEARCHES = 4;

  /**
   * One page of matches and how many there are in all; with cursor pagination, the cursors of the
   * pages around it ({@code null}: there is none).
   */
  record Page(long total, List<CsObject> resources, String nextCursor, String previousCursor) {
    Page(long total, List<CsObject> resources) {
      this(total, resources, null, null);
    }
  }

  private final CsObjectReader reader;
  private final KeyDirectory keys;
  private final SchemaRegistry registry;
  private final ResourceType type;
  private final FilterEvaluator evaluator;
  private final String nameAttribute;
  private final CursorPaging cursors;
  private final Semaphore searches = new Semaphore(MAX_CONCURRENT_SEARCHES);

  UserQueries(CsObjectReader reader, KeyDirectory keys, SchemaRegistry registry, ResourceType type,
      CursorPaging cursors) {
    this.reader = reader;
    this.keys = keys;
    this.registry = registry;
    this.type = type;
    this.evaluator = new FilterEvaluator(registry.caseExactness(type));
    this.nameAttribute = type == CoreSchemas.GROUP_TYPE ? "displayName" : "userName";
    this.cursors = cursors;
  }

  /**
   * The page of users {@code request} asks for.
   *
   * @param render the client representation, which in-memory checks evaluate the filter against
   * @throws ScimException invalidFilter / invalidValue for a bad filter or sortBy; invalidCursor /
   *     expiredCursor for a cursor this server did not issue for this query, or issued too long ago
   */
  Future<Page> search(KeyDirectory.Scope scope, SearchRequest request, Function<CsObject, JsonObject> render) {
    Filter filter = request.filter() == null ? null : FilterParser.parse(request.filter());
    String fingerprint = CursorPaging.fingerprint(scope.connectorId(), scope.objectType(), request);
    CursorPaging.Position at = request.cursorPaging() ? cursors.read(request.cursor(), fingerprint) : null;
    Filter.Compare key = filter == null || request.sortBy() != null || namesMembers(filter) ? null
        : indexedTerm(filter);
    if (key != null) {
      return byKey(scope, filter, key, render).map(all -> at == null
          ? indexPage(all, request) : keysetPage(all, at, request.count(), fingerprint));
    }
    if (at == null) {
      return bySql(scope, filter, request, "TRUE", List.of(), request.startIndex() - 1L, request.count())
          .map(page -> new Page(page.total(), page.objects()));
    }
    if (request.sortBy() != null) {
      return bySql(scope, filter, request, "TRUE", List.of(), at.offset(), request.count())
          .map(page -> window(page.total(), cursors.offsetWindow(at, page.objects(), page.total(),
              request.count(), fingerprint)));
    }
    return byKeyset(scope, filter, request, at, fingerprint);
  }

  private static Page indexPage(List<CsObject> all, SearchRequest request) {
    int from = (int) Math.min(all.size(), request.startIndex() - 1L);
    int to = Math.min(all.size(), from + request.count());
    return new Page(all.size(), all.subList(from, to));
  }

  /** A keyset page of the few in-memory key matches, already in id order. */
  private Page keysetPage(List<CsObject> all, CursorPaging.Position at, int count, String fingerprint) {
    if (count == 0) {
      return new Page(all.size(), List.of());
    }
    List<CsObject> walk = new ArrayList<>();
    for (CsObject row : all) {
      UUID id = row.ref().id();
      if (at.pivot() == null || (at.backward()
          ? CursorPaging.ID_ORDER.compare(id, at.pivot()) < 0 : CursorPaging.ID_ORDER.compare(id, at.pivot()) > 0)) {
        walk.add(row);
      }
    }
    if (at.backward()) {
      java.util.Collections.reverse(walk);
    }
    List<CsObject> fetched = walk.subList(0, Math.min(walk.size(), count + 1));
    return window(all.size(), cursors.keysetWindow(at, fetched, count, fingerprint));
  }

  /** A keyset page in SQL: {@code id > pivot ORDER BY id} (or backward), one row more than asked. */
  private Future<Page> byKeyset(KeyDirectory.Scope scope, Filter filter, SearchRequest request,
      CursorPaging.Position at, String fingerprint) {
    int count = request.count();
    if (count == 0) {
      return bySql(scope, filter, request, "TRUE", List.of(), 0, 0).map(page -> new Page(page.total(), List.of()));
    }
    return bySqlKeyset(scope, filter, at, count + 1)
        .map(page -> window(page.total(), cursors.keysetWindow(at, page.objects(), count, fingerprint)));
  }

  private static Page window(long total, CursorPaging.Window window) {
    return new Page(total, window.resources(), window.next(), window.previous());
  }

  private Future<CsObjectReader.SearchPage> bySqlKeyset(KeyDirectory.Scope scope, Filter filter,
      CursorPaging.Position at, int limit) {
    SqlParams params = new SqlParams(CsObjectReader.FIRST_CONDITION_PARAMETER);
    String where = filter == null ? "TRUE" : new FilterSql(registry, type, params).where(filter);
    String page = at.pivot() == null ? "TRUE" : "id " + (at.backward() ? "<" : ">") + " " + params.bind(at.pivot());
    List<Object> all = params.values();
    List<Object> whereParams = all.subList(0, at.pivot() == null ? all.size() : all.size() - 1);
    List<Object> pageParams = all.subList(whereParams.size(), all.size());
    return bounded(() -> reader.search(scope.tenantId(), scope.connectorId(), scope.objectType(), where, whereParams,
        page, pageParams, at.backward() ? "id DESC" : "id", List.of(), 0, limit));
  }

  /** One bounded SQL search: the count and the page, in one transaction. */
  private Future<CsObjectReader.SearchPage> bySql(KeyDirectory.Scope scope, Filter filter, SearchRequest request,
      String pageCondition, List<Object> pageParams, long offset, int limit) {
    SqlParams params = new SqlParams(CsObjectReader.FIRST_CONDITION_PARAMETER);
    String where = filter == null ? "TRUE" : new FilterSql(registry, type, params).where(filter);
    List<Object> whereParams = params.values();
    SqlParams orderParams = new SqlParams(CsObjectReader.FIRST_CONDITION_PARAMETER + whereParams.size());
    String orderBy = SortSql.orderBy(registry, type, request.sortBy(), request.descending(), orderParams);
    return bounded(() -> reader.search(scope.tenantId(), scope.connectorId(), scope.objectType(), where, whereParams,
        pageCondition, pageParams, orderBy, orderParams.values(), offset, limit));
  }

  /** At most {@link #MAX_CONCURRENT_SEARCHES} at once; a statement timeout becomes {@code tooMany}. */
  private Future<CsObjectReader.SearchPage> bounded(Supplier<Future<CsObjectReader.SearchPage>> search) {
    if (!searches.tryAcquire()) {
      return Future.failedFuture(new ScimException(503, null,
          "too many searches in progress; retry shortly (filters other than eq on userName, externalId or id"
              + " scan the connector space)"));
    }
    return search.get()
        .recover(error -> Future.failedFuture(error instanceof CsObjectReader.SearchTimeoutException
            ? ScimException.tooMany("the filter takes longer than " + CsObjectReader.SEARCH_TIMEOUT_MILLIS
                + " ms to evaluate over this connector space; narrow it (eq on userName or externalId is instant)")
            : error))
        .andThen(done -> searches.release());
  }

  private Future<List<CsObject>> byKey(KeyDirectory.Scope scope, Filter filter, Filter.Compare key,
      Function<CsObject, JsonObject> render) {
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
          matches.sort(Comparator.comparing(o -> o.ref().id(), CursorPaging.ID_ORDER));
          return matches;
        });
  }

  private Future<List<UUID>> candidates(KeyDirectory.Scope scope, AttrPath path, String value) {
    if (path.isAttribute(nameAttribute)) {
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
  private boolean exactKeyMatch(AttrPath path, String value, CsObject row) {
    if (path.isAttribute(nameAttribute)) {
      return NameKeys.canonical(value).equals(row.nameKey());
    }
    if (path.isAttribute("externalId")) {
      return value.equals(row.externalId());
    }
    return true;
  }

  /** An {@code eq} on an in-memory key, at the top or anywhere down a chain of {@code and}s. */
  private Filter.Compare indexedTerm(Filter filter) {
    if (filter instanceof Filter.Compare c) {
      return isKey(c) ? c : null;
    }
    if (filter instanceof Filter.And and) {
      Filter.Compare left = indexedTerm(and.left());
      return left != null ? left : indexedTerm(and.right());
    }
    return null;
  }

  private boolean isKey(Filter.Compare c) {
    AttrPath path = c.path();
    boolean coreSchema = path.schemaUrn() == null || path.schemaUrn().equalsIgnoreCase(type.schema().id());
    return c.op() == Op.EQ
        && c.value() instanceof String
        && coreSchema
        && path.subAttribute() == null
        && (path.isAttribute(nameAttribute) || path.isAttribute("externalId") || path.isAttribute("id"));
  }

  /** True when a Group filter names {@code members} anywhere. */
  private boolean namesMembers(Filter filter) {
    if (type != CoreSchemas.GROUP_TYPE) {
      return false;
    }
    if (filter instanceof Filter.And and) {
      return namesMembers(and.left()) || namesMembers(and.right());
    } else if (filter instanceof Filter.Or or) {
      return namesMembers(or.left()) || namesMembers(or.right());
    } else if (filter instanceof Filter.Not not) {
      return namesMembers(not.inner());
    } else if (filter instanceof Filter.Compare c) {
      return c.path().isAttribute("members");
    } else if (filter instanceof Filter.Present p) {
      return p.path().isAttribute("members");
    } else if (filter instanceof Filter.ValuePath vp) {
      return vp.path().isAttribute("members");
    }
    throw new AssertionError(filter);
  }
}
