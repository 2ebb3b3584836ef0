package io.iamcore.sync;

import io.vertx.core.json.JsonObject;

/** What a rule reads from a connector-space object. */
public record SourceObject(String id, String externalId, JsonObject doc) {}
