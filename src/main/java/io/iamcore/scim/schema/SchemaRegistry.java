package io.iamcore.scim.schema;

import io.iamcore.scim.filter.AttrPath;
import io.iamcore.scim.filter.CaseExactness;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The resource types and schemas the server knows, and the lookup of an attribute path in them.
 * Immutable; build one at start and share it.
 */
public final class SchemaRegistry {

  private final List<ResourceType> types;

  public SchemaRegistry(List<ResourceType> types) {
    this.types = List.copyOf(types);
  }

  /** RFC 7643's User (with the Enterprise User extension) and Group. */
  public static SchemaRegistry rfc7643() {
    return new SchemaRegistry(List.of(CoreSchemas.USER_TYPE, CoreSchemas.GROUP_TYPE));
  }

  public List<ResourceType> resourceTypes() {
    return types;
  }

  /** The schema with URN {@code urn}, in any case. */
  public Optional<Schema> schema(String urn) {
    return types.stream().flatMap(t -> t.schemas().stream())
        .filter(s -> s.id().equalsIgnoreCase(urn)).findFirst();
  }

  /**
   * An attribute path resolved against a resource type: the schema that defines it (the core schema
   * for the common attributes), the attribute, and the sub-attribute when the path names one.
   */
  public record Resolved(Schema schema, Attribute attribute, Attribute subAttribute, boolean extension) {

    /** The sub-attribute if the path names one, else the attribute. */
    public Attribute leaf() {
      return subAttribute != null ? subAttribute : attribute;
    }
  }

  /**
   * Looks {@code path} up in {@code type}'s schemas, names compared case-insensitively. An
   * unqualified name is looked for in the common attributes, the core schema, then the extensions
   * (RFC 7644 §3.10 lets a client omit the URN when the name is unambiguous: Entra filters on
   * {@code manager}). Empty when the schema, attribute or sub-attribute is unknown.
   */
  public Optional<Resolved> resolve(ResourceType type, AttrPath path) {
    List<Candidate> candidates = new ArrayList<>();
    String urn = path.schemaUrn();
    if (urn == null || urn.equalsIgnoreCase(type.schema().id())) {
      candidates.add(new Candidate(type.schema(), CoreSchemas.COMMON, false));
      candidates.add(new Candidate(type.schema(), type.schema().attributes(), false));
    }
    for (ResourceType.Extension extension : type.extensions()) {
      if (urn == null || urn.equalsIgnoreCase(extension.schema().id())) {
        candidates.add(new Candidate(extension.schema(), extension.schema().attributes(), true));
      }
    }
    for (Candidate candidate : candidates) {
      for (Attribute attribute : candidate.attributes()) {
        if (attribute.name().equalsIgnoreCase(path.attribute())) {
          if (path.subAttribute() == null) {
            return Optional.of(new Resolved(candidate.schema(), attribute, null, candidate.extension()));
          }
          return attribute.subAttribute(path.subAttribute())
              .map(sub -> new Resolved(candidate.schema(), attribute, sub, candidate.extension()));
        }
      }
    }
    return Optional.empty();
  }

  private record Candidate(Schema schema, List<Attribute> attributes, boolean extension) {}

  /**
   * Case rules for {@code type} from the {@code caseExact} characteristic: a complex attribute
   * compared without a sub-attribute compares through its {@code value}; an unknown attribute
   * compares case-insensitively (the RFC 7643 default), except {@code $ref}s, which are URIs.
   */
  public CaseExactness caseExactness(ResourceType type) {
    return path -> resolve(type, path)
        .map(SchemaRegistry::comparedAttribute)
        .map(Attribute::caseExact)
        .orElseGet(() -> path.subAttribute() != null && path.subAttribute().startsWith("$"));
  }

  /** The attribute whose value a comparison on {@code resolved} compares. */
  public static Attribute comparedAttribute(Resolved resolved) {
    Attribute leaf = resolved.leaf();
    return leaf.type() == Attribute.Type.COMPLEX ? leaf.subAttribute("value").orElse(leaf) : leaf;
  }

  /** Lower-case names of {@code type}'s top-level attributes that are never returned ({@code password}). */
  public Set<String> neverReturned(ResourceType type) {
    return type.schemas().stream().flatMap(s -> s.attributes().stream())
        .filter(a -> a.returned() == Attribute.Returned.NEVER)
        .map(a -> a.name().toLowerCase(Locale.ROOT))
        .collect(Collectors.toUnmodifiableSet());
  }
}
