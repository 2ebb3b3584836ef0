package io.iamcore.scim.bulk;

import io.iamcore.scim.ScimException;
import io.iamcore.scim.ScimSchemas;
import io.iamcore.scim.filter.JsonKeys;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A Bulk request (RFC 7644 §3.7). The envelope is checked here and refuses the whole request;
 * what is wrong inside one operation fails that operation alone (see {@link BulkOperation}).
 *
 * @param failOnErrors the number of errors after which processing stops, or null: never stop
 */
public record BulkRequest(Integer failOnErrors, List<BulkOperation> operations) {

  public BulkRequest {
    operations = List.copyOf(operations);
  }

  /**
   * @throws ScimException 400 {@code invalidSyntax} for a malformed envelope, 400
   *     {@code invalidValue} for a bad failOnErrors or a bulkId defined twice, 413 for more than
   *     {@code maxOperations} operations
   */
  public static BulkRequest parse(JsonObject body, int maxOperations) {
    requireSchema(body);
    Integer failOnErrors = failOnErrors(JsonKeys.get(body, "failOnErrors"));
    Object operations = JsonKeys.get(body, "Operations");
    if (!(operations instanceof JsonArray array)) {
      throw ScimException.invalidSyntax("'Operations' must be an array of operations");
    }
    if (array.size() > maxOperations) {
      throw ScimException.payloadTooLarge("the request has " + array.size()
          + " operations; maxOperations is " + maxOperations);
    }
    List<BulkOperation> parsed = new ArrayList<>(array.size());
    Set<String> bulkIds = new HashSet<>();
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof JsonObject json)) {
        throw ScimException.invalidSyntax("Operations[" + i + "] is not an object");
      }
      BulkOperation operation = BulkOperation.parse(i, json);
      if (operation.defines() && !bulkIds.add(operation.bulkId())) {
        throw ScimException.invalidValue("bulkId '" + BulkOperation.echo(operation.bulkId())
            + "' is used by more than one POST; a bulkId must be unique within the request");
      }
      parsed.add(operation);
    }
    return new BulkRequest(failOnErrors, parsed);
  }

  private static void requireSchema(JsonObject body) {
    if (JsonKeys.get(body, "schemas") instanceof JsonArray schemas) {
      for (Object schema : schemas) {
        if (schema instanceof String s && s.equalsIgnoreCase(ScimSchemas.BULK_REQUEST)) {
          return;
        }
      }
    }
    throw ScimException.invalidSyntax("schemas must include " + ScimSchemas.BULK_REQUEST);
  }

  private static Integer failOnErrors(Object value) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())
        || Double.isInfinite(number.doubleValue())) {
      throw ScimException.invalidSyntax("failOnErrors must be a whole number");
    }
    if (number.doubleValue() < 1 || number.doubleValue() > Integer.MAX_VALUE) {
      throw ScimException.invalidValue("failOnErrors must be at least 1 (omit it to process every"
          + " operation whatever fails), got " + number);
    }
    return number.intValue();
  }
}
