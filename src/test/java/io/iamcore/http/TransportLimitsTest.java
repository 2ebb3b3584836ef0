package io.iamcore.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamcore.testing.HttpResult;
import io.iamcore.testing.RunningGateway;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Slow and greedy clients are cut off at the front door; everyone else is still served. */
class TransportLimitsTest {

  private static RunningGateway gateway;

  @BeforeAll
  static void start() {
    gateway = RunningGateway.start(Map.of(
        "IAMCORE_HTTP_HEADER_TIMEOUT_MS", "500",
        "IAMCORE_HTTP_REQUEST_TIMEOUT_MS", "700",
        "IAMCORE_HTTP_MAX_CONNECTIONS", "150",
        "IAMCORE_HTTP_MAX_IN_FLIGHT", "1"));
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Test
  @DisplayName("100 slowloris connections trickling header bytes are closed at the header deadline; a normal client is served meanwhile")
  void slowloris_closedAtHeaderDeadline() throws Exception {
    List<Socket> slow = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      Socket socket = connect();
      socket.getOutputStream().write("GET /health/live HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
      slow.add(socket);
    }
    HttpResult served = gateway.send("GET", "/health/live", null, null);
    assertThat(served.status()).isEqualTo(200);

    long started = System.nanoTime();
    int closed = 0;
    for (int round = 0; round < 40 && closed < slow.size(); round++) {
      closed = 0;
      for (Socket socket : slow) {
        if (trickleAndCheckClosed(socket)) {
          closed++;
        }
      }
    }
    long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
    assertThat(closed).as("every slowloris connection closed by the server").isEqualTo(slow.size());
    assertThat(elapsedMillis).as("trickling bytes does not extend the deadline").isLessThan(5_000);
    for (Socket socket : slow) {
      socket.close();
    }
  }

  @Test
  @DisplayName("connections past the bound are closed at once; past the in-flight bound a request gets 503 with Retry-After; a body that never arrives gets 408")
  void connectionAndInFlightBounds() throws Exception {
    // A request whose body never completes holds the only in-flight slot until its deadline.
    Socket stalled = connect();
    stalled.getOutputStream().write(("POST /iamcore/sync/connectors HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        + "Content-Length: 100\r\n\r\n{\"na").getBytes(StandardCharsets.US_ASCII));
    HttpResult refused = awaitStatus(503);
    assertThat(refused.header("Retry-After")).isEqualTo("1");
    assertThat(readAll(stalled)).startsWith("HTTP/1.1 408");
    stalled.close();
    assertThat(gateway.send("GET", "/health/live", null, null).status()).isEqualTo(200);

    List<Socket> held = new ArrayList<>();
    int refusedConnections = 0;
    for (int i = 0; i < 200; i++) {
      Socket socket = connect();
      held.add(socket);
    }
    for (Socket socket : held) {
      socket.setSoTimeout(300);
      try {
        if (socket.getInputStream().read() == -1) {
          refusedConnections++;
        }
      } catch (SocketTimeoutException stillOpen) {
        // within the bound: open, waiting for its request
      } catch (IOException reset) {
        refusedConnections++;
      }
    }
    assertThat(refusedConnections).as("200 connections against a bound of 150").isGreaterThanOrEqualTo(50);
    for (Socket socket : held) {
      socket.close();
    }
  }

  private static HttpResult awaitStatus(int status) {
    // The stalled request reaches the server asynchronously; ask until it holds the slot.
    for (int i = 0; i < 50; i++) {
      HttpResult result = gateway.send("GET", "/health/live", null, null);
      if (result.status() == status) {
        return result;
      }
    }
    throw new AssertionError("never answered " + status);
  }

  private static boolean trickleAndCheckClosed(Socket socket) {
    try {
      OutputStream out = socket.getOutputStream();
      out.write("X-Slow: 1\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      socket.setSoTimeout(1);
      InputStream in = socket.getInputStream();
      return in.read() == -1;
    } catch (SocketTimeoutException open) {
      return false;
    } catch (IOException closedByServer) {
      return true;
    }
  }

  private static String readAll(Socket socket) throws IOException {
    socket.setSoTimeout(5_000);
    return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
  }

  private static Socket connect() throws IOException {
    return new Socket("127.0.0.1", gateway.gateway().port());
  }
}
