package io.iamcore.testing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One real gateway (and a fresh database) per test class. */
public abstract class GatewayTestBase {

  protected static RunningGateway gateway;

  @BeforeAll
  static void startGateway() {
    gateway = RunningGateway.start();
  }

  @AfterAll
  static void stopGateway() {
    gateway.close();
  }
}
