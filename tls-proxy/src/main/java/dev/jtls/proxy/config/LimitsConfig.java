package dev.jtls.proxy.config;

import java.time.Duration;

/**
 * Global limits.
 *
 * @param maxHeaderBytes the whole request head (→ 431 / 400)
 * @param maxInitialLineBytes the request line (→ 414 / 400)
 * @param drainTimeout graceful shutdown: in-flight requests get this long
 */
public record LimitsConfig(int maxHeaderBytes, int maxInitialLineBytes, long maxBodyBytes, Duration drainTimeout) {}
