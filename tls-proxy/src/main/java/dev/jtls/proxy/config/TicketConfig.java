package dev.jtls.proxy.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Session-ticket keys shared by every instance: derived from one secret (a file, or an environment
 * variable) per rotation period; null secret source: a random per-process key.
 */
public record TicketConfig(Path secretFile, String secretEnv, Duration rotation) {}
