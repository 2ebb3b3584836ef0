package io.iamcore.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class CredentialLogCheckTest {

  @Test
  void stopGateway_tokenInLog_fails() {
    RunningGateway gateway = RunningGateway.start();
    try {
      String token = gateway.administrator("3f0e2d1c-0000-4000-8000-000000000001");
      Logger.getLogger("io.iamcore.somewhere").info("careless: Authorization: Bearer " + token);
      assertThatThrownBy(gateway::stopGateway).isInstanceOf(AssertionError.class)
          .hasMessageContaining("appears in the gateway's log");
    } finally {
      gateway.database().close();
    }
  }
}
