package io.iamcore.auth;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What a verified Entra token says about its caller. Immutable: verifications are cached and the
 * same instance is handed to many requests on many event loops.
 *
 * @param tenantId  the {@code tid} claim; the caller's tenant, never absent
 * @param objectId  the {@code oid} claim (user or service principal), or null if absent
 * @param subject   the {@code sub} claim, or null if absent
 * @param appId     the client application: {@code azp} (v2 tokens) or {@code appid} (v1), or null
 * @param roles     the {@code roles} claim (app roles); empty if absent
 * @param expiresAt the {@code exp} claim
 * @param claims    every claim of the payload; {@link #claims()} returns a copy
 */
public record VerifiedToken(
    String tenantId,
    String objectId,
    String subject,
    String appId,
    Set<String> roles,
    Instant expiresAt,
    JsonObject claims) {

  public VerifiedToken {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(expiresAt, "expiresAt");
    roles = Set.copyOf(Objects.requireNonNull(roles, "roles"));
    claims = Objects.requireNonNull(claims, "claims").copy();
  }

  /** A copy of all claims, so that no caller can change what other requests see. */
  @Override
  public JsonObject claims() {
    return claims.copy();
  }

  /** Shorthand for {@link Roles#allows(Set, String)} on this token's roles. */
  public boolean allows(String requiredRole) {
    return Roles.allows(roles, requiredRole);
  }
}
