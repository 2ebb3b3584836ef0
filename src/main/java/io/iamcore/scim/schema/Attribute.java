package io.iamcore.scim.schema;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One attribute definition of a SCIM schema (RFC 7643 §2.2 and §7): the characteristics the server
 * validates, filters and sorts with, and that {@code /Schemas} publishes.
 *
 * @param subAttributes the sub-attributes of a {@link Type#COMPLEX} attribute, else empty
 * @param canonicalValues suggested values (e.g. {@code work}, {@code home}), possibly empty
 * @param referenceTypes for {@link Type#REFERENCE}: {@code User}, {@code Group}, {@code external},
 *     {@code uri}; else empty
 */
public record Attribute(
    String name,
    Type type,
    boolean multiValued,
    String description,
    boolean required,
    boolean caseExact,
    Mutability mutability,
    Returned returned,
    Uniqueness uniqueness,
    List<Attribute> subAttributes,
    List<String> canonicalValues,
    List<String> referenceTypes) {

  public Attribute {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(mutability, "mutability");
    Objects.requireNonNull(returned, "returned");
    Objects.requireNonNull(uniqueness, "uniqueness");
    subAttributes = List.copyOf(subAttributes);
    canonicalValues = List.copyOf(canonicalValues);
    referenceTypes = List.copyOf(referenceTypes);
    if (type == Type.COMPLEX == subAttributes.isEmpty()) {
      throw new IllegalArgumentException(name + ": exactly the complex attributes have sub-attributes");
    }
  }

  /** RFC 7643 §2.3 data types, with their JSON spelling. */
  public enum Type {
    STRING("string"), BOOLEAN("boolean"), DECIMAL("decimal"), INTEGER("integer"),
    DATE_TIME("dateTime"), BINARY("binary"), REFERENCE("reference"), COMPLEX("complex");

    private final String json;

    Type(String json) {
      this.json = json;
    }

    public String json() {
      return json;
    }
  }

  /** RFC 7643 §2.2 mutability. */
  public enum Mutability {
    READ_ONLY("readOnly"), READ_WRITE("readWrite"), IMMUTABLE("immutable"), WRITE_ONLY("writeOnly");

    private final String json;

    Mutability(String json) {
      this.json = json;
    }

    public String json() {
      return json;
    }
  }

  /** RFC 7643 §2.2 returned. */
  public enum Returned {
    ALWAYS, NEVER, DEFAULT, REQUEST;

    public String json() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** RFC 7643 §2.2 uniqueness. */
  public enum Uniqueness {
    NONE, SERVER, GLOBAL;

    public String json() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The sub-attribute called {@code subName} in any case. */
  public Optional<Attribute> subAttribute(String subName) {
    return subAttributes.stream().filter(a -> a.name.equalsIgnoreCase(subName)).findFirst();
  }

  /** The RFC 7643 §7 representation. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("name", name)
        .put("type", type.json())
        .put("multiValued", multiValued);
    if (description != null) {
      json.put("description", description);
    }
    json.put("required", required);
    if (!canonicalValues.isEmpty()) {
      json.put("canonicalValues", new JsonArray(List.copyOf(canonicalValues)));
    }
    if (type != Type.COMPLEX) {
      json.put("caseExact", caseExact);
    }
    json.put("mutability", mutability.json())
        .put("returned", returned.json())
        .put("uniqueness", uniqueness.json());
    if (!referenceTypes.isEmpty()) {
      json.put("referenceTypes", new JsonArray(List.copyOf(referenceTypes)));
    }
    if (!subAttributes.isEmpty()) {
      JsonArray subs = new JsonArray();
      subAttributes.forEach(sub -> subs.add(sub.toJson()));
      json.put("subAttributes", subs);
    }
    return json;
  }

  public static Builder string(String name) {
    return new Builder(name, Type.STRING);
  }

  public static Builder bool(String name) {
    return new Builder(name, Type.BOOLEAN);
  }

  public static Builder dateTime(String name) {
    return new Builder(name, Type.DATE_TIME);
  }

  public static Builder binary(String name) {
    return new Builder(name, Type.BINARY).caseExact();
  }

  /** A reference; {@code $ref} attributes and URIs compare case-exactly. */
  public static Builder reference(String name, String... referenceTypes) {
    Builder builder = new Builder(name, Type.REFERENCE).caseExact();
    builder.referenceTypes = List.of(referenceTypes);
    return builder;
  }

  public static Builder complex(String name, Attribute... subAttributes) {
    Builder builder = new Builder(name, Type.COMPLEX);
    builder.subAttributes = List.of(subAttributes);
    return builder;
  }

  /** Builds definitions with RFC 7643's defaults: optional, single-valued, readWrite, default, none. */
  public static final class Builder {
    private final String name;
    private final Type type;
    private boolean multiValued;
    private String description;
    private boolean required;
    private boolean caseExact;
    private Mutability mutability = Mutability.READ_WRITE;
    private Returned returned = Returned.DEFAULT;
    private Uniqueness uniqueness = Uniqueness.NONE;
    private List<Attribute> subAttributes = List.of();
    private List<String> canonicalValues = List.of();
    private List<String> referenceTypes = List.of();

    private Builder(String name, Type type) {
      this.name = name;
      this.type = type;
    }

    public Builder multiValued() {
      multiValued = true;
      return this;
    }

    public Builder description(String text) {
      description = text;
      return this;
    }

    public Builder required() {
      required = true;
      return this;
    }

    public Builder caseExact() {
      caseExact = true;
      return this;
    }

    public Builder mutability(Mutability value) {
      mutability = value;
      return this;
    }

    public Builder readOnly() {
      return mutability(Mutability.READ_ONLY);
    }

    public Builder returned(Returned value) {
      returned = value;
      return this;
    }

    public Builder uniqueness(Uniqueness value) {
      uniqueness = value;
      return this;
    }

    public Builder canonicalValues(String... values) {
      canonicalValues = List.of(values);
      return this;
    }

    public Attribute build() {
      return new Attribute(name, type, multiValued, description, required, caseExact, mutability,
          returned, uniqueness, subAttributes, canonicalValues, referenceTypes);
    }
  }
}
