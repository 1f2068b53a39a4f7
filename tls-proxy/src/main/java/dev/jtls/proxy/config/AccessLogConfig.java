package dev.jtls.proxy.config;

import java.nio.file.Path;

/** Access log: OFF, STDOUT, or FILE at {@code path}. */
public record AccessLogConfig(Target target, Path path) {
    public enum Target { OFF, STDOUT, FILE }
}
