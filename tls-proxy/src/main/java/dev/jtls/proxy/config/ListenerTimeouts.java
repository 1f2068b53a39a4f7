package dev.jtls.proxy.config;

import java.time.Duration;

/**
 * @param handshake TLS handshake deadline
 * @param requestHeader the whole request head must arrive within this (slowloris → 408)
 * @param idle keep-alive idle timeout between requests
 */
public record ListenerTimeouts(Duration handshake, Duration requestHeader, Duration idle) {}
