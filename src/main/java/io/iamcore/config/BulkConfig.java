package io.iamcore.config;

/**
 * SCIM Bulk limits (RFC 7644 §3.7.4), advertised in ServiceProviderConfig and enforced with 413.
 *
 * @param maxOperations the most operations one Bulk request may carry
 * @param maxPayloadBytes the largest Bulk request body, in bytes; never above the HTTP body limit,
 *     which is checked first for every request
 */
public record BulkConfig(int maxOperations, int maxPayloadBytes) {

  public BulkConfig {
    if (maxOperations < 1) {
      throw new IllegalArgumentException("maxOperations must be at least 1, got " + maxOperations);
    }
    if (maxPayloadBytes < 1) {
      throw new IllegalArgumentException("maxPayloadBytes must be at least 1, got " + maxPayloadBytes);
    }
  }
}
