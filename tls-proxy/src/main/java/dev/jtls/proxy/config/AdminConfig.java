package dev.jtls.proxy.config;

import java.net.InetSocketAddress;

/** The admin listener (Prometheus metrics, runtime API); bind null: off. The token guards the runtime API. */
public record AdminConfig(InetSocketAddress bind, String token) {}
