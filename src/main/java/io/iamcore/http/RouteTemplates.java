package io.iamcore.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The route template a request matched ({@code /iamcore/sync/connectors/:id}), for metric labels
 * and access-log lines: bounded, and never the raw path with its ids.
 *
 * <p>Why not just {@link RoutingContext#currentRoute()}: once a handler fails, Vert.x walks the
 * routes again for failure handlers, and the current route becomes the catch-all that answers the
 * error. So an answered request names its own route directly, and a failed one is matched again
 * here against the router's routes, in the router's order: routes with methods first, then the
 * method-less ones (SCIM's authentication and catch-alls), exact before prefix, longer prefix first.
 */
public final class RouteTemplates {

  /** Requests no route served (404s, 405s). */
  public static final String UNMATCHED = "unmatched";

  private static final Pattern NAMED_GROUP = Pattern.compile("\\(\\?<(\\w+)>[^)]*\\)");

  private record Template(Set<HttpMethod> methods, Pattern pattern, String name, boolean prefix) {
    boolean matches(HttpMethod method, String path) {
      return (methods == null || methods.contains(method)) && pattern.matcher(path).matches();
    }
  }

  private final List<Template> withMethods = new ArrayList<>();
  private final List<Template> anyMethod = new ArrayList<>();

  private RouteTemplates(List<Route> routes) {
    for (Route route : routes) {
      Template template = template(route);
      if (template != null) {
        (route.methods() == null || route.methods().isEmpty() ? anyMethod : withMethods).add(template);
      }
    }
    // Stable sorts: router order within each kind.
    anyMethod.sort((a, b) -> a.prefix() != b.prefix() ? Boolean.compare(a.prefix(), b.prefix())
        : a.prefix() ? Integer.compare(b.name().length(), a.name().length()) : 0);
  }

  /** Indexes {@code routes} as {@link io.vertx.ext.web.Router#getRoutes()} lists them. */
  public static RouteTemplates of(List<Route> routes) {
    return new RouteTemplates(routes);
  }

  /** The template of {@code route} as labels show it: its path, {@code *} for a prefix, or null. */
  public static String name(Route route) {
    if (route == null) {
      return null;
    }
    if (route.getPath() != null) {
      return route.isExactPath() ? route.getPath() : route.getPath() + "*";
    }
    // A regex route: named groups read as :name, e.g. /connectors/:id/data/:objectType:batch.
    return route.isRegexPath() && route.getName() != null
        ? NAMED_GROUP.matcher(route.getName()).replaceAll(":$1") : null;
  }

  /** The template of the request in {@code ctx}; {@link #UNMATCHED} when no route would serve it. */
  public String of(RoutingContext ctx) {
    Route current = ctx.currentRoute();
    if (!ctx.failed() && current != null && current.methods() != null && !current.methods().isEmpty()) {
      String name = name(current);
      if (name != null) {
        return name;
      }
    }
    return match(ctx.request().method(), ctx.normalizedPath());
  }

  /** Matches {@code path} against the routes (the failure case). */
  public String match(HttpMethod method, String path) {
    for (Template template : withMethods) {
      if (template.matches(method, path)) {
        return template.name();
      }
    }
    for (Template template : anyMethod) {
      if (template.matches(method, path)) {
        return template.name();
      }
    }
    return UNMATCHED;
  }

  private static Template template(Route route) {
    String name = name(route);
    if (name == null) {
      return null;  // a handler for every path: body limits, metrics, error mapping
    }
    Set<HttpMethod> methods = route.methods() == null || route.methods().isEmpty() ? null : route.methods();
    if (route.getPath() == null) {
      return new Template(methods, Pattern.compile(route.getName() + "/?"), name, false);
    }
    boolean prefix = !route.isExactPath();
    String path = prefix ? route.getPath().replaceAll("/$", "") : route.getPath();
    String regex = literalWithParams(path) + (prefix ? "(/.*)?" : "/?");
    return new Template(methods, Pattern.compile(regex), name, prefix);
  }

  /** {@code /a/:id/b} → {@code \Q/a/\E[^/]+\Q/b\E}. */
  private static String literalWithParams(String path) {
    StringBuilder regex = new StringBuilder();
    Matcher param = Pattern.compile(":\\w+").matcher(path);
    int at = 0;
    while (param.find()) {
      regex.append(Pattern.quote(path.substring(at, param.start()))).append("[^/]+");
      at = param.end();
    }
    return regex.append(Pattern.quote(path.substring(at))).toString();
  }
}
