package io.iamcore.config;

/** The HTTP front door: port, request body limit and how many event loops serve it. */
public record HttpConfig(int port, int maxBodyBytes, int instances) {}
