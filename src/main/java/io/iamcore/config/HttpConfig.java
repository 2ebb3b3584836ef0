package io.iamcore.config;

/**
 * The HTTP front door: port, request body limit, how many event loops serve it, the address it
 * binds ({@code 0.0.0.0} by default, loopback only in development mode), and its limits.
 */
public record HttpConfig(int port, int maxBodyBytes, int instances, String host, TransportLimits limits) {}
