package io.iamcore.config;

/** The HTTP front door: port, request body limit, how many event loops serve it, and its limits. */
public record HttpConfig(int port, int maxBodyBytes, int instances, TransportLimits limits) {}
