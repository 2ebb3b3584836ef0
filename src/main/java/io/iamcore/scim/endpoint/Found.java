package io.iamcore.scim.endpoint;

import io.vertx.core.json.JsonArray;

/**
 * One page of rendered resources of a search, how many match in all, and (cursor pagination, RFC
 * 9865) the cursors of the pages around it, null where there is none.
 */
record Found(long total, JsonArray resources, String nextCursor, String previousCursor) {

  Found(long total, JsonArray resources) {
    this(total, resources, null, null);
  }
}
