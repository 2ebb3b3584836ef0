package io.iamcore.scim.schema;

import static io.iamcore.scim.schema.Attribute.binary;
import static io.iamcore.scim.schema.Attribute.bool;
import static io.iamcore.scim.schema.Attribute.complex;
import static io.iamcore.scim.schema.Attribute.dateTime;
import static io.iamcore.scim.schema.Attribute.reference;
import static io.iamcore.scim.schema.Attribute.string;

import io.iamcore.scim.ScimSchemas;
import io.iamcore.scim.schema.Attribute.Mutability;
import io.iamcore.scim.schema.Attribute.Returned;
import io.iamcore.scim.schema.Attribute.Uniqueness;
import java.util.List;

/**
 * The schema definitions of RFC 7643 §8.7.1 (core User and Group, Enterprise User extension) as
 * data: the one place that says which attributes are case-exact, read-only or never returned. The
 * filter evaluator, the SQL filter translation, sorting, projection and {@code /Schemas} all read
 * these definitions.
 */
public final class CoreSchemas {

  private CoreSchemas() {}

  /** {@code id}, {@code externalId} and {@code meta}: on every resource (RFC 7643 §3.1). */
  public static final List<Attribute> COMMON = List.of(
      string("id").caseExact().readOnly().returned(Returned.ALWAYS).uniqueness(Uniqueness.SERVER)
          .description("Unique identifier for the SCIM resource, assigned by the service provider.").build(),
      string("externalId").caseExact()
          .description("Identifier of the resource as defined by the provisioning client.").build(),
      complex("meta",
          string("resourceType").caseExact().readOnly().build(),
          dateTime("created").readOnly().build(),
          dateTime("lastModified").readOnly().build(),
          reference("location", "uri").readOnly().build(),
          string("version").caseExact().readOnly().build())
          .readOnly().description("Resource metadata.").build());

  public static final Schema USER = new Schema(ScimSchemas.USER, "User", "User Account", List.of(
      string("userName").required().uniqueness(Uniqueness.SERVER)
          .description("Unique identifier for the User, typically used to sign in.").build(),
      complex("name",
          string("formatted").build(),
          string("familyName").build(),
          string("givenName").build(),
          string("middleName").build(),
          string("honorificPrefix").build(),
          string("honorificSuffix").build())
          .description("The components of the user's real name.").build(),
      string("displayName").description("The name of the User, suitable for display.").build(),
      string("nickName").description("The casual way to address the user.").build(),
      reference("profileUrl", "external").description("A URL of the User's online profile.").build(),
      string("title").description("The user's title, such as \"Vice President\".").build(),
      string("userType").description("The organization-to-user relationship.").build(),
      string("preferredLanguage").description("The User's preferred written or spoken language.").build(),
      string("locale").description("The User's default location, e.g. en-US.").build(),
      string("timezone").description("The User's time zone in IANA format.").build(),
      bool("active").description("The User's administrative status.").build(),
      string("password").mutability(Mutability.WRITE_ONLY).returned(Returned.NEVER)
          .description("The User's cleartext password; never returned.").build(),
      multiValued("emails", "Email addresses for the user.", "work", "home", "other"),
      multiValued("phoneNumbers", "Phone numbers for the User.",
          "work", "home", "mobile", "fax", "pager", "other"),
      multiValued("ims", "Instant messaging addresses for the User.",
          "aim", "gtalk", "icq", "xmpp", "msn", "skype", "qq", "yahoo"),
      complex("photos",
          reference("value", "external").build(),
          string("display").build(),
          string("type").canonicalValues("photo", "thumbnail").build(),
          bool("primary").build())
          .multiValued().description("URLs of photos of the User.").build(),
      complex("addresses",
          string("formatted").build(),
          string("streetAddress").build(),
          string("locality").build(),
          string("region").build(),
          string("postalCode").build(),
          string("country").build(),
          string("type").canonicalValues("work", "home", "other").build(),
          bool("primary").build())
          .multiValued().description("A physical mailing address for this User.").build(),
      complex("groups",
          string("value").caseExact().readOnly().build(),
          reference("$ref", "User", "Group").readOnly().build(),
          string("display").readOnly().build(),
          string("type").readOnly().canonicalValues("direct", "indirect").build())
          .multiValued().readOnly().description("The groups the user belongs to.").build(),
      multiValued("entitlements", "Entitlements of the User."),
      multiValued("roles", "Roles of the User."),
      complex("x509Certificates",
          binary("value").build(),
          string("display").build(),
          string("type").build(),
          bool("primary").build())
          .multiValued().description("DER-encoded X.509 certificates of the User.").build()));

  public static final Schema ENTERPRISE_USER = new Schema(ScimSchemas.ENTERPRISE_USER, "EnterpriseUser",
      "Enterprise User", List.of(
          string("employeeNumber").description("Numeric or alphanumeric identifier assigned to a person.").build(),
          string("costCenter").description("Identifies the name of a cost center.").build(),
          string("organization").description("Identifies the name of an organization.").build(),
          string("division").description("Identifies the name of a division.").build(),
          string("department").description("Identifies the name of a department.").build(),
          complex("manager",
              string("value").caseExact().description("The id of the SCIM resource of the manager.").build(),
              reference("$ref", "User").build(),
              string("displayName").readOnly().build())
              .description("The User's manager.").build()));

  public static final Schema GROUP = new Schema(ScimSchemas.GROUP, "Group", "Group", List.of(
      // Unique per connector here (RFC 7643 leaves it "none"): Entra matches groups by displayName.
      string("displayName").required().uniqueness(Uniqueness.SERVER)
          .description("A human-readable name for the Group.").build(),
      complex("members",
          string("value").caseExact().mutability(Mutability.IMMUTABLE).build(),
          reference("$ref", "User", "Group").mutability(Mutability.IMMUTABLE).build(),
          string("display").readOnly().build(),
          string("type").mutability(Mutability.IMMUTABLE).canonicalValues("User", "Group").build())
          .multiValued().description("A list of members of the Group.").build()));

  public static final ResourceType USER_TYPE = new ResourceType("User", "User", "/Users", "User Account",
      USER, List.of(new ResourceType.Extension(ENTERPRISE_USER, false)));

  public static final ResourceType GROUP_TYPE = new ResourceType("Group", "Group", "/Groups", "Group",
      GROUP, List.of());

  /** A multi-valued {value, display, type, primary} attribute such as {@code emails}. */
  private static Attribute multiValued(String name, String description, String... types) {
    return complex(name,
        string("value").build(),
        string("display").build(),
        string("type").canonicalValues(types).build(),
        bool("primary").build())
        .multiValued().description(description).build();
  }
}
