package io.iamcore.config;

import java.time.Duration;

/**
 * Group-commit tuning: a batch closes at {@code maxRows} changes or {@code maxDelay} after its
 * first change arrived; {@code lanes} transactions may be in flight at once (each object always
 * uses the same lane); at most {@code queueCapacity} changes wait (the rest get 503), and none
 * waits longer than {@code maxQueueWait} before it is refused unapplied.
 */
public record WriterConfig(
    int maxRows, Duration maxDelay, int lanes, int queueCapacity, Duration maxQueueWait) {}
