package io.iamcore.vertx;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/**
 * Hands a shared future back to each caller on the caller's own context.
 *
 * <p>Some work is done once for many requests: loading a connector space's keys, reloading the
 * JWKS, loading a connector's sync rules. The requests that wait for it may sit on different event
 * loops, and a future's callbacks run on the thread that completes it, so without a hop a
 * request's continuation (and its response) would run on another request's event loop, racing its
 * own. The HTTP server is in strict thread mode, where such a response write is refused outright.
 */
public final class Contexts {

  private Contexts() {}

  /**
   * {@code shared} as the calling context sees it: callbacks added to the result run on the
   * caller's context, whichever thread completes {@code shared}. Outside a Vert.x context, or once
   * {@code shared} is complete, it is returned as is (callbacks then run on the adding thread).
   */
  public static <T> Future<T> onCallerContext(Future<T> shared) {
    Context caller = Vertx.currentContext();
    if (caller == null || shared.isComplete()) {
      return shared;
    }
    Promise<T> here = Promise.promise();
    shared.onComplete(result -> {
      if (Vertx.currentContext() == caller) {
        here.handle(result);
      } else {
        caller.runOnContext(v -> here.handle(result));
      }
    });
    return here.future();
  }
}
