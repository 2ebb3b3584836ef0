package io.iamcore.sync;

import io.iamcore.http.ApiException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A value expression of a sync rule's attribute flow (PRODUCT.md §1), in the seed's JSON shape:
 * {@code {"$type": "attribute", "attribute": "userName"}}, {@code constant}, {@code externalid},
 * {@code join} and {@code asreference}.
 */
public sealed interface Expression {

  /** Evaluates against a connector-space object; null when there is no value. */
  String evaluate(SourceObject source);

  JsonObject toJson();

  /** A path into the source object: {@code userName}, {@code name.givenName}, {@code emails[type eq "work"].value}. */
  record Attribute(String path, SourcePath compiled) implements Expression {
    public Attribute {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(compiled, "compiled");
    }

    @Override
    public String evaluate(SourceObject source) {
      return compiled.read(source.doc());
    }

    @Override
    public JsonObject toJson() {
      return new JsonObject().put("$type", "attribute").put("attribute", path);
    }
  }

  /** A fixed value. */
  record Constant(String value) implements Expression {
    @Override
    public String evaluate(SourceObject source) {
      return value;
    }

    @Override
    public JsonObject toJson() {
      return new JsonObject().put("$type", "constant").put("value", value);
    }
  }

  /** The source object's externalId (for Entra: the user's objectId, when mapped so). */
  record ExternalId() implements Expression {
    @Override
    public String evaluate(SourceObject source) {
      return source.externalId();
    }

    @Override
    public JsonObject toJson() {
      return new JsonObject().put("$type", "externalid");
    }
  }

  /** The inputs' values joined with {@code separator}; inputs without a value are skipped. */
  record Join(List<Expression> inputs, String separator) implements Expression {
    public Join {
      inputs = List.copyOf(inputs);
    }

    @Override
    public String evaluate(SourceObject source) {
      List<String> parts = new ArrayList<>();
      for (Expression input : inputs) {
        String value = input.evaluate(source);
        if (value != null && !value.isEmpty()) {
          parts.add(value);
        }
      }
      return parts.isEmpty() ? null : String.join(separator == null ? "" : separator, parts);
    }

    @Override
    public JsonObject toJson() {
      JsonArray array = new JsonArray();
      inputs.forEach(i -> array.add(i.toJson()));
      JsonObject json = new JsonObject().put("$type", "join").put("inputs", array);
      return separator == null ? json : json.put("separator", separator);
    }
  }

  /**
   * The id of the core object that the connector-space object named by {@code input} is joined
   * to. Evaluated by the pipeline (it needs the database); here it yields the source reference.
   */
  record AsReference(Expression input) implements Expression {
    @Override
    public String evaluate(SourceObject source) {
      return input.evaluate(source);
    }

    @Override
    public JsonObject toJson() {
      return new JsonObject().put("$type", "asreference").put("input", input.toJson());
    }
  }

  /**
   * Parses the seed's JSON shape.
   *
   * @param where the JSON path of the expression, for error messages
   * @throws ApiException 400 naming {@code where} and what is wrong
   */
  static Expression parse(Object json, String where) {
    if (!(json instanceof JsonObject object)) {
      throw ApiException.badRequest(where + " must be an expression object with a \"$type\"");
    }
    String type = object.getValue("$type") instanceof String s ? s.toLowerCase(java.util.Locale.ROOT) : null;
    if (type == null) {
      throw ApiException.badRequest(where + ".$type is required: attribute, constant, externalid, join or asreference");
    }
    switch (type) {
      case "attribute": {
        Object path = object.getValue("attribute");
        if (!(path instanceof String p) || p.isBlank()) {
          throw ApiException.badRequest(where + ".attribute must name an attribute of the source object");
        }
        return new Attribute(p, SourcePath.parse(p, where + ".attribute"));
      }
      case "constant": {
        Object value = object.getValue("value");
        if (value != null && !(value instanceof String) && !(value instanceof Number) && !(value instanceof Boolean)) {
          throw ApiException.badRequest(where + ".value must be a string, number or boolean");
        }
        return new Constant(value == null ? null : String.valueOf(value));
      }
      case "externalid":
        return new ExternalId();
      case "join": {
        Object inputs = object.getValue("inputs");
        if (!(inputs instanceof JsonArray array) || array.isEmpty()) {
          throw ApiException.badRequest(where + ".inputs must be a non-empty array of expressions");
        }
        List<Expression> parsed = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
          parsed.add(parse(array.getValue(i), where + ".inputs[" + i + "]"));
        }
        Object separator = object.getValue("separator");
        if (separator != null && !(separator instanceof String)) {
          throw ApiException.badRequest(where + ".separator must be a string");
        }
        return new Join(parsed, (String) separator);
      }
      case "asreference":
        return new AsReference(parse(object.getValue("input", new JsonObject().put("$type", "externalid")),
            where + ".input"));
      default:
        throw ApiException.badRequest(where + ".$type '" + object.getValue("$type")
            + "' is not one of attribute, constant, externalid, join, asreference");
    }
  }
}
