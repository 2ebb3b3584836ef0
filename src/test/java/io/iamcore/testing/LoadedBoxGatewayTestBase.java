package io.iamcore.testing;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * As {@link GatewayTestBase}, for classes that send thousands of requests: the pool waits up to
 * 15 s for a connection instead of 1 s, so a test box whose CPUs are shared with other builds
 * slows these tests down instead of failing them with "Timeout waiting for connection".
 */
public abstract class LoadedBoxGatewayTestBase {

  public static final Map<String, String> PATIENT_POOL = Map.of("IAMCORE_DB_CONNECT_TIMEOUT_MS", "15000");

  protected static RunningGateway gateway;

  @BeforeAll
  static void startGateway() {
    gateway = RunningGateway.start(PATIENT_POOL);
  }

  @AfterAll
  static void stopGateway() {
    if (gateway != null) {
      gateway.close();
    }
  }
}
