package io.iamcore.scim.endpoint;

import io.iamcore.scim.ScimSchemas;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code attributes} / {@code excludedAttributes} (RFC 7644 §3.4.2.5) at the level of top-level
 * attributes: a sub-attribute (for example {@code name.givenName}) selects its whole parent.
 * {@code id} and {@code schemas} are always returned.
 */
final class Projection {

  private static final Projection ALL = new Projection(null, Set.of());
  private static final Set<String> ALWAYS = Set.of("id", "schemas");

  private final Set<String> included;
  private final Set<String> excluded;

  private Projection(Set<String> included, Set<String> excluded) {
    this.included = included;
    this.excluded = excluded;
  }

  static Projection of(RoutingContext ctx) {
    Set<String> include = names(ctx.request().getParam("attributes"));
    Set<String> exclude = names(ctx.request().getParam("excludedAttributes"));
    if (include.isEmpty() && exclude.isEmpty()) {
      return ALL;
    }
    return new Projection(include.isEmpty() ? null : include, exclude);
  }

  JsonObject apply(JsonObject resource) {
    if (this == ALL) {
      return resource;
    }
    JsonObject out = new JsonObject();
    resource.forEach(entry -> {
      String name = entry.getKey().toLowerCase(Locale.ROOT);
      boolean keep = ALWAYS.contains(name)
          || ((included == null || included.contains(name)) && !excluded.contains(name));
      if (keep) {
        out.put(entry.getKey(), entry.getValue());
      }
    });
    return out;
  }

  private static Set<String> names(String param) {
    if (param == null || param.isBlank()) {
      return Set.of();
    }
    return Arrays.stream(param.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .map(Projection::topLevel)
        .collect(Collectors.toUnmodifiableSet());
  }

  /** {@code urn:…:User:name.givenName} → {@code name}; an extension path → the extension. */
  private static String topLevel(String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    String core = ScimSchemas.USER.toLowerCase(Locale.ROOT) + ":";
    String enterprise = ScimSchemas.ENTERPRISE_USER.toLowerCase(Locale.ROOT);
    if (lower.startsWith(core)) {
      lower = lower.substring(core.length());
    } else if (lower.startsWith(enterprise)) {
      return enterprise;
    }
    int dot = lower.indexOf('.');
    return dot < 0 ? lower : lower.substring(0, dot);
  }
}
