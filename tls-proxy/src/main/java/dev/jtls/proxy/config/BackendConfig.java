package dev.jtls.proxy.config;

/** One back end: a name unique in its pool (default {@code host:port}), its address and weight (≥ 1). */
public record BackendConfig(String name, String host, int port, int weight) {}
