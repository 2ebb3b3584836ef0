package io.iamcore.scim.endpoint;

import io.vertx.core.json.JsonArray;

/** One page of rendered resources of a search and how many match in all. */
record Found(long total, JsonArray resources) {}
