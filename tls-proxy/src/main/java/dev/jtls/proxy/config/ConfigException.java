package dev.jtls.proxy.config;

import java.util.List;

/**
 * A configuration that cannot be used: every problem found, each as
 * {@code file:line: key.path: what is wrong} ({@code lb.yaml:12: pools.web.backends[0].weight: must be
 * ≥ 1, got 0}), in the order of the file. The message is all of them, one per line.
 */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    /** One line per problem, {@code file:line: key.path: message}. */
    public List<String> problems() {
        return problems;
    }
}
