package io.iamcore.perf;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * User number {@code index} of tenant {@code tenant} in run {@code run}, and the requests Entra
 * sends for it, shaped like the entra-corpus fixtures (src/test/resources/entra-corpus):
 * 06 (create with the default mapping and the enterprise extension), 15 (legacy PATCH with one
 * {@code Replace} per path) and 17 (legacy {@code active} as the string {@code "False"}).
 * Everything derives from the three numbers, so the database check can recompute what each user
 * must look like.
 */
public record EntraUser(String run, int tenant, int index) {

  static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

  /** Entra's objectId, mapped to externalId (PRODUCT.md §2): a GUID unique to run, tenant and index. */
  public String externalId() {
    return UUID.nameUUIDFromBytes((run + "/" + tenant + "/" + index).getBytes(StandardCharsets.UTF_8)).toString();
  }

  public String userName() {
    return "user" + index + ".t" + tenant + "." + run + "@contoso.example";
  }

  public String givenName() {
    return "Given" + index;
  }

  public String familyName() {
    return "Family" + tenant;
  }

  public String displayName() {
    return givenName() + " " + familyName();
  }

  public String department() {
    return "Department " + (index % 40);
  }

  /** Whether initialCycle PATCHes this user: every (1/share)-th, spread evenly. */
  public boolean patched(double share) {
    if (share <= 0) {
      return false;
    }
    int every = Math.max(1, (int) Math.round(1 / share));
    return index % every == 0;
  }

  /** Among the patched users, every second one is also disabled ({@code active "False"}). */
  public boolean disabled(double share) {
    if (!patched(share)) {
      return false;
    }
    int every = Math.max(1, (int) Math.round(1 / share));
    return (index / every) % 2 == 0;
  }

  public String patchedDisplayName() {
    return displayName() + " (moved)";
  }

  public String patchedDepartment() {
    return "Moved " + department();
  }

  /** Fixture 06's body with this user's values. */
  public String createBody() {
    ObjectNode user = Admin.JSON.createObjectNode();
    user.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:User").add(ENTERPRISE);
    user.put("externalId", externalId()).put("userName", userName()).put("active", true)
        .put("displayName", displayName()).put("title", "Engineer").put("preferredLanguage", "en-US");
    user.putArray("emails").addObject().put("primary", true).put("type", "work").put("value", userName());
    user.putObject("meta").put("resourceType", "User");
    user.putObject("name").put("formatted", displayName()).put("familyName", familyName())
        .put("givenName", givenName());
    user.putArray("addresses").addObject().put("type", "work").put("formatted", "Building " + (index % 30))
        .put("streetAddress", index + " Example Way").put("locality", "Springfield").put("region", "WA")
        .put("postalCode", "98000").put("country", "US").put("primary", true);
    ArrayNode phones = user.putArray("phoneNumbers");
    phones.addObject().put("type", "work").put("value", "+1 425 555 " + (index % 10000)).put("primary", true);
    phones.addObject().put("type", "mobile").put("value", "+1 425 556 " + (index % 10000));
    user.putObject(ENTERPRISE).put("employeeNumber", "E-" + index).put("department", department());
    user.putArray("roles");
    return user.toString();
  }

  /** Fixtures 15 + 17: attributes replaced one path each, and {@code active "False"} for some. */
  public String patchBody(double share) {
    ObjectNode patch = Admin.JSON.createObjectNode();
    patch.putArray("schemas").add("urn:ietf:params:scim:api:messages:2.0:PatchOp");
    ArrayNode ops = patch.putArray("Operations");
    ops.addObject().put("op", "Replace").put("path", "displayName").put("value", patchedDisplayName());
    ops.addObject().put("op", "Replace").put("path", "emails[type eq \"work\"].value").put("value", "moved." + userName());
    ops.addObject().put("op", "Replace").put("path", ENTERPRISE + ":department").put("value", patchedDepartment());
    if (disabled(share)) {
      ops.addObject().put("op", "Replace").put("path", "active").put("value", "False");
    }
    return patch.toString();
  }

  /** Entra's probe: {@code filter=externalId eq "…"}, form-encoded as it arrives on the wire. */
  public String probeQuery() {
    return "/Users?filter=externalId+eq+%22" + externalId() + "%22";
  }
}
