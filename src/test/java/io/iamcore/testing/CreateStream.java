package io.iamcore.testing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Concurrent Entra-style SCIM creates against one gateway process, each recorded as acknowledged
 * (201, with the id answered), refused (any other status) or unanswered (no response: the outcome
 * is unknown). For crash and shutdown tests: afterwards every acknowledged create must be stored.
 */
public final class CreateStream implements AutoCloseable {

  private final Map<String, String> acknowledged = new ConcurrentHashMap<>();  // externalId -> id
  private final AtomicInteger refused = new AtomicInteger();
  private final java.util.Set<String> unanswered = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean sending = new AtomicBoolean(true);
  private final ExecutorService senders;

  /** Starts {@code clients} senders POSTing to {@code usersPath} with {@code secret}. */
  public CreateStream(GatewayProcess gateway, String usersPath, String secret, String prefix, int clients) {
    AtomicLong sequence = new AtomicLong();
    senders = Executors.newFixedThreadPool(clients);
    for (int i = 0; i < clients; i++) {
      senders.submit(() -> {
        while (sending.get()) {
          String name = prefix + "-" + sequence.incrementAndGet();
          try {
            HttpResult r = gateway.send("POST", usersPath, secret, TestUsers.user(name + "@contoso.example", name));
            if (r.status() == 201) {
              acknowledged.put(name, r.json().getString("id"));
            } else {
              refused.incrementAndGet();
            }
          } catch (IllegalStateException connectionLost) {
            unanswered.add(name);
          }
        }
      });
    }
  }

  public int acknowledgedCount() {
    return acknowledged.size();
  }

  /** externalId → id of every create answered 201. */
  public Map<String, String> acknowledged() {
    return Map.copyOf(acknowledged);
  }

  public int refused() {
    return refused.get();
  }

  public int unanswered() {
    return unanswered.size();
  }

  /** The externalIds of creates that got no answer: applied or not, nobody knows. */
  public java.util.Set<String> indeterminate() {
    return java.util.Set.copyOf(unanswered);
  }

  /** Entra's retry of a create it got no answer to: the same body again. */
  public static HttpResult retry(GatewayProcess gateway, String usersPath, String secret, String name) {
    return gateway.send("POST", usersPath, secret, TestUsers.user(name + "@contoso.example", name));
  }

  /** Stops sending and waits for the requests in flight to end. */
  @Override
  public void close() throws InterruptedException {
    sending.set(false);
    senders.shutdown();
    if (!senders.awaitTermination(60, TimeUnit.SECONDS)) {
      throw new AssertionError("senders still running after 60 s");
    }
  }
}
