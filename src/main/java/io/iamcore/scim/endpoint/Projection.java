package io.iamcore.scim.endpoint;

import io.iamcore.scim.ScimSchemas;
import io.iamcore.scim.schema.CoreSchemas;
import io.iamcore.scim.schema.SchemaRegistry;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code attributes} / {@code excludedAttributes} (RFC 7644 §3.4.2.5) at the level of top-level
 * attributes: a sub-attribute (for example {@code name.givenName}) selects its whole parent.
 * {@code id} and {@code schemas} are always returned; attributes whose schema definition says
 * {@code returned: never} ({@code password}) never are.
 */
final class Projection {

  private static final Set<String> ALWAYS = Set.of("id", "schemas");
  private static final Set<String> NEVER =
      SchemaRegistry.rfc7643().neverReturned(CoreSchemas.USER_TYPE);
  private static final Projection ALL = new Projection(null, Set.of());

  private final Set<String> included;
  private final Set<String> excluded;

  private Projection(Set<String> included, Set<String> excluded) {
    this.included = included;
    this.excluded = excluded;
  }

  static Projection of(RoutingContext ctx) {
    return of(SearchRequest.names(ctx.request().getParam("attributes")),
        SearchRequest.names(ctx.request().getParam("excludedAttributes")));
  }

  static Projection of(List<String> attributes, List<String> excludedAttributes) {
    if (attributes.isEmpty() && excludedAttributes.isEmpty()) {
      return ALL;
    }
    return new Projection(attributes.isEmpty() ? null : topLevel(attributes), topLevel(excludedAttributes));
  }

  /**
   * True when the top-level attribute {@code name} (lower case) is returned: a Group's members are
   * read from the membership table only when this says so.
   */
  boolean includes(String name) {
    return !NEVER.contains(name) && (included == null || included.contains(name)) && !excluded.contains(name);
  }

  /** True when the request named {@code attributes} or {@code excludedAttributes}. */
  boolean requested() {
    return this != ALL;
  }

  JsonObject apply(JsonObject resource) {
    if (this == ALL && NEVER.stream().noneMatch(name -> hasKey(resource, name))) {
      return resource;
    }
    JsonObject out = new JsonObject();
    resource.forEach(entry -> {
      String name = entry.getKey().toLowerCase(Locale.ROOT);
      boolean keep = ALWAYS.contains(name)
          || (!NEVER.contains(name)
              && (included == null || included.contains(name)) && !excluded.contains(name));
      if (keep) {
        out.put(entry.getKey(), entry.getValue());
      }
    });
    return out;
  }

  private static boolean hasKey(JsonObject resource, String lowerName) {
    for (String key : resource.fieldNames()) {
      if (key.equalsIgnoreCase(lowerName)) {
        return true;
      }
    }
    return false;
  }

  private static Set<String> topLevel(List<String> paths) {
    return paths.stream().map(Projection::topLevel).collect(Collectors.toUnmodifiableSet());
  }

  /** {@code urn:…:User:name.givenName} → {@code name}; an extension path → the extension. */
  private static String topLevel(String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    String core = ScimSchemas.USER.toLowerCase(Locale.ROOT) + ":";
    String group = ScimSchemas.GROUP.toLowerCase(Locale.ROOT) + ":";
    String enterprise = ScimSchemas.ENTERPRISE_USER.toLowerCase(Locale.ROOT);
    if (lower.startsWith(core)) {
      lower = lower.substring(core.length());
    } else if (lower.startsWith(group)) {
      lower = lower.substring(group.length());
    } else if (lower.startsWith(enterprise)) {
      return enterprise;
    }
    int dot = lower.indexOf('.');
    return dot < 0 ? lower : lower.substring(0, dot);
  }
}
