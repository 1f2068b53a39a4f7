package dev.jtls.proxy.config;

import java.time.Duration;

/** Connect (→ 502/503 or retry) and response (first byte of the response; → 504) deadlines. */
public record BackendTimeouts(Duration connect, Duration response) {}
