package io.iamcore;

import io.iamcore.auth.DevSigningKey;
import io.iamcore.config.GatewayConfig;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Map;

/**
 * Development mode ({@code IAMCORE_DEV_MODE=true}, docs/try-it.md): the gateway also trusts the
 * local key in its data directory, so a newcomer can mint admin, SCIM and user tokens without an
 * Entra tenant. Config already refused a non-loopback address; here it is said loudly in the log.
 */
final class DevMode {

  private static final System.Logger LOG = System.getLogger(DevMode.class.getName());

  private DevMode() {}

  /** The keys to trust besides the JWKS; none outside development mode. Blocking (file I/O). */
  static Map<String, PublicKey> localKeys(GatewayConfig config) {
    if (!config.devMode()) {
      return Map.of();
    }
    Path dataDir = config.database().dataDir();
    DevSigningKey key = DevSigningKey.loadOrCreate(dataDir);
    LOG.log(System.Logger.Level.WARNING, "*** DEVELOPMENT MODE IS ON (IAMCORE_DEV_MODE=true) ***"
        + " tokens signed with " + dataDir.resolve(DevSigningKey.KEY_FILE) + " (kid " + key.kid()
        + ") are trusted, API audience " + config.auth().apiAudiences() + ", listening on "
        + config.http().host() + " only. Never use development mode in production.");
    return key.verificationKeys();
  }
}
