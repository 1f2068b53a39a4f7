package dev.jtls.proxy.config;

import java.time.Duration;

/**
 * Passive health: {@code consecutiveFailures} in a row (connect errors, timeouts, and 5xx when
 * {@code count5xx}) eject a back end for {@code ejectFor}; 0 failures: off.
 */
public record PassiveHealthConfig(int consecutiveFailures, Duration ejectFor, boolean count5xx) {}
