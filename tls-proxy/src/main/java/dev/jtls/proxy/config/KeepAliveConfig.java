package dev.jtls.proxy.config;

import java.time.Duration;

/**
 * Pooled keep-alive connections to each back end.
 *
 * @param idleTimeout must be shorter than the back end's own keep-alive timeout, so the proxy closes
 *     an idle connection before the back end does
 * @param maxRequests requests per connection before it is closed; 0: no limit
 */
public record KeepAliveConfig(int maxIdle, int maxPerBackend, Duration idleTimeout, int maxRequests) {}
