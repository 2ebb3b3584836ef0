package io.iamcore.config;

/**
 * The HTTP front door: port, request body limit, how many event loops serve it, and the address it
 * binds ({@code 0.0.0.0} by default, loopback only in development mode).
 */
public record HttpConfig(int port, int maxBodyBytes, int instances, String host) {}
