package io.iamcore.auth;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

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
 * @param tenant    {@code tenantId} as a UUID when it is one in canonical 8-4-4-4-12 form (any
 *                  case), else null; derived once here, since a cached token is read by every
 *                  request that carries it
 */
public record VerifiedToken(
    String tenantId,
    String objectId,
    String subject,
    String appId,
    Set<String> roles,
    Instant expiresAt,
    JsonObject claims,
    UUID tenant) {

  public VerifiedToken {
    Objects.requireNonNull(tenantId, "tenantId");
    if (!Objects.equals(tenant, canonicalTenant(tenantId))) {
      throw new IllegalArgumentException("tenant must be the canonical form of tenantId");
    }
    Objects.requireNonNull(expiresAt, "expiresAt");
    roles = Set.copyOf(Objects.requireNonNull(roles, "roles"));
    claims = Objects.requireNonNull(claims, "claims").copy();
  }

  /** A token whose {@link #tenant()} is derived from {@code tenantId}. */
  public VerifiedToken(String tenantId, String objectId, String subject, String appId, Set<String> roles,
      Instant expiresAt, JsonObject claims) {
    this(tenantId, objectId, subject, appId, roles, expiresAt, claims, canonicalTenant(tenantId));
  }

  /**
   * The tid as a UUID, or null if it is not one in canonical form. {@link UUID#fromString} also
   * accepts shortened groups ("1-1-1-1-1"), which would let two tid strings (each matched to its
   * own issuer) name one tenant; Entra only issues the canonical 8-4-4-4-12 form.
   */
  private static UUID canonicalTenant(String tenantId) {
    if (tenantId == null) {
      return null;
    }
    try {
      UUID tenant = UUID.fromString(tenantId);
      return tenant.toString().equalsIgnoreCase(tenantId) ? tenant : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
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
