package io.iamcore.cli;

import io.iamcore.auth.DevSigningKey;
import io.iamcore.auth.Roles;
import io.iamcore.config.ConfigLoader;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code token mint admin|scim|user}: Entra-shaped tokens signed with the development key that a
 * gateway in development mode keeps in its data directory (and trusts). Nothing else can sign
 * them, so outside development mode they are refused like any forged token.
 */
@Command(name = "token", description = "Development mode: tokens signed with the gateway's local key.",
    subcommands = {TokenCommands.Mint.class})
final class TokenCommands {

  /** The tenant of minted tokens unless --tenant says otherwise (a fixed, recognisable GUID). */
  static final String DEV_TENANT = "7e57da7a-0000-4000-8000-00000000de70";
  /** Entra's provisioning service asks for tokens with this audience. */
  static final String SCIM_AUDIENCE = "8adf8e6e-67b2-4cf2-a259-e3dc5476c621";

  enum Kind { admin, scim, user }

  private TokenCommands() {}

  @Command(name = "mint", description = "Mint a token with the development key: 'admin' (role Administrator, for "
      + "the admin API), 'scim' (what Entra's provisioning service sends) or 'user' (a signed-in user, --oid).")
  static final class Mint extends ApiCommand {
    @Parameters(paramLabel = "admin|scim|user", description = "Which token.") Kind kind;

    @Option(names = "--tenant", paramLabel = "TID", description = "The tid claim (default " + DEV_TENANT + ").")
    String tenant;

    @Option(names = "--oid", description = "The oid claim (required for 'user'; random otherwise).")
    String oid;

    @Option(names = "--audience", description = "The aud claim (default: the first IAMCORE_API_AUDIENCES, else "
        + ConfigLoader.DEV_API_AUDIENCE + "; 'scim' tokens: Entra's provisioning audience).")
    String audience;

    @Option(names = "--role", paramLabel = "ROLE", description = "Add an app role, e.g. iam-core.identity.resolve "
        + "(repeatable).")
    List<String> roles = new ArrayList<>();

    @Option(names = "--lifetime", defaultValue = "60", paramLabel = "MINUTES",
        description = "Minutes until exp (1-1440, default ${DEFAULT-VALUE}).")
    int lifetimeMinutes;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the gateway keeps "
        + DevSigningKey.KEY_FILE + " (default: IAMCORE_DATA_DIR, else ./data).")
    Path dataDir;

    @Override
    void run() {
      if (lifetimeMinutes < 1 || lifetimeMinutes > 1440) {
        throw CliException.badInput("--lifetime must be between 1 and 1440 minutes, got " + lifetimeMinutes);
      }
      if (kind == Kind.user && (oid == null || oid.isBlank())) {
        throw CliException.badInput("a user token needs --oid (the user's Entra object id, as provisioned)");
      }
      String tid = tenant == null ? DEV_TENANT : tenant;
      if (!tid.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) {
        throw CliException.badInput("--tenant must be a tenant id (a GUID), got '" + tid + "'");
      }
      DevSigningKey key;
      try {
        Path dir = dataDir != null ? dataDir : Path.of(root().environment().variable("IAMCORE_DATA_DIR", "data"));
        key = DevSigningKey.load(dir.toAbsolutePath().normalize());
      } catch (IllegalStateException e) {
        throw CliException.failed(e.getMessage());
      }
      JsonObject claims = claims(tid, Instant.now());
      String token = sign(key, claims);
      Output out = output();
      if (out.json()) {
        out.printJson(new JsonObject().put("token", token).put("claims", claims));
      } else {
        out.line(token);
      }
    }

    private JsonObject claims(String tid, Instant now) {
      String subject = oid == null ? UUID.randomUUID().toString() : oid;
      JsonObject claims = new JsonObject()
          .put("aud", kind == Kind.scim && audience == null ? SCIM_AUDIENCE : apiAudience())
          .put("iss", "https://sts.windows.net/" + tid + "/")
          .put("iat", now.getEpochSecond())
          .put("nbf", now.getEpochSecond())
          .put("exp", now.plus(Duration.ofMinutes(lifetimeMinutes)).getEpochSecond())
          .put("tid", tid)
          .put("oid", subject)
          .put("sub", subject)
          .put("ver", "1.0");
      List<String> granted = new ArrayList<>(roles);
      if (kind == Kind.admin && !granted.contains(Roles.ADMINISTRATOR)) {
        granted.add(0, Roles.ADMINISTRATOR);
      }
      if (!granted.isEmpty()) {
        claims.put("roles", new JsonArray(granted));
      }
      return claims;
    }

    private String apiAudience() {
      if (audience != null) {
        return audience;
      }
      String configured = root().environment().variable("IAMCORE_API_AUDIENCES", "");
      String first = configured.split(",")[0].trim();
      return first.isEmpty() ? ConfigLoader.DEV_API_AUDIENCE : first;
    }
  }

  /** A compact JWS, RS256, with the key's kid. */
  static String sign(DevSigningKey key, JsonObject claims) {
    JsonObject header = new JsonObject().put("typ", "JWT").put("alg", "RS256").put("kid", key.kid());
    String input = base64Url(header.encode().getBytes(StandardCharsets.UTF_8)) + "."
        + base64Url(claims.encode().getBytes(StandardCharsets.UTF_8));
    try {
      Signature signer = Signature.getInstance("SHA256withRSA");
      signer.initSign(key.privateKey());
      signer.update(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + base64Url(signer.sign());
    } catch (GeneralSecurityException e) {
      throw CliException.failed("cannot sign with the development key: " + e.getMessage());
    }
  }

  private static String base64Url(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
