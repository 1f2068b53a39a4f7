package dev.jtls.proxy.config;

/**
 * An HTTP route: a request whose Host matches {@code host} (exact, {@code *.suffix}, or null for any)
 * and whose path starts with {@code pathPrefix} goes to {@code pool}.
 */
public record RouteConfig(String host, String pathPrefix, String pool) {}
