package io.iamcore.perf;

import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.http.HttpProtocolBuilder;

/** HTTP protocol settings shared by every scenario. */
final class Protocols {

  private Protocols() {}

  /**
   * No warm-up (Gatling's warm-up URL is an outside host: load goes only where we point it) and no
   * caching (Entra's repeated probes must reach the gateway, not turn into 304s). One connection
   * per virtual user, as Entra's provisioning workers each hold their own.
   */
  static HttpProtocolBuilder base(String url) {
    return http.baseUrl(url.replaceAll("/+$", ""))
        .disableWarmUp()
        .disableCaching()
        .acceptHeader("application/scim+json, application/json")
        .userAgentHeader("iamcore-gatling");
  }

  /** A SCIM connector's caller: Entra with the connector's secret token. */
  static HttpProtocolBuilder scim(Settings settings, String secret) {
    return base(settings.gateway())
        .authorizationHeader("Bearer " + secret)
        .contentTypeHeader("application/scim+json");
  }
}
