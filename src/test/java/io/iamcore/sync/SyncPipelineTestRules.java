package io.iamcore.sync;

import io.vertx.core.json.JsonObject;

/** The seed's rule, for tests outside this package. */
public final class SyncPipelineTestRules {

  private SyncPipelineTestRules() {}

  public static JsonObject seedRule(String connectorId) {
    return SyncPipelineTest.seedRule(connectorId);
  }
}
