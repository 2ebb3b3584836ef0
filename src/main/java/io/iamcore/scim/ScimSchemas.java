package io.iamcore.scim;

/** The schema and message URNs of RFC 7643/7644 that the gateway speaks. */
public final class ScimSchemas {
  public static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
  public static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
  public static final String ENTERPRISE_USER =
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  public static final String LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
  public static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
  public static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
  public static final String BULK_REQUEST = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
  public static final String BULK_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:BulkResponse";

  /** The connector-space object type that SCIM Users are stored as. */
  public static final String USER_OBJECT_TYPE = "user";

  /** The connector-space object type that SCIM Groups are stored as (members in group_member). */
  public static final String GROUP_OBJECT_TYPE = "group";

  private ScimSchemas() {}
}
