package dev.jtls.proxy.config;

import java.time.Duration;

/**
 * Active health checks.
 *
 * @param kind NONE, TCP (connect) or HTTP (GET path, expect status)
 * @param rise consecutive passes that bring a DOWN back end UP
 * @param fall consecutive failures that take an UP back end DOWN
 */
public record HealthCheckConfig(
        Kind kind, String path, int expectStatus, Duration interval, Duration timeout, int rise, int fall) {

    public enum Kind { NONE, TCP, HTTP }
}
