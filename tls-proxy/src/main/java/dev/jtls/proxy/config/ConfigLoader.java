package dev.jtls.proxy.config;

import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Loads the proxy's YAML file onto {@link ProxyConfig} and validates it whole, once: every problem is
 * reported with the file, the line and the key path ({@code lb.yaml:12: pools.web.backends[0].weight:
 * must be ≥ 1, got 0}). Unknown keys are refused (with the closest known one as a hint), types, ranges,
 * durations ({@code 500ms}, {@code 10s}, {@code 2m}), sizes ({@code 16KiB}), {@code host:port}
 * addresses and CIDR blocks are checked, every pool a listener or route names must exist, and every
 * file it names (certificates, keys, CAs, secrets; relative to the config file's directory) must be
 * there. Omitted values take the defaults of {@link Defaults}, chosen to be safe on the open internet.
 *
 * <p>The file is read through SnakeYAML's node API ({@code compose}), never constructed into objects,
 * so no YAML tag can instantiate a type (explicit tags are refused outright), and aliases and nesting
 * are bounded against "billion laughs" documents.
 */
public final class ConfigLoader {

    private static final Set<String> TOP_KEYS = Set.of("listeners", "pools", "limits", "admin", "access_log", "tickets",
            "workers");
    private static final Set<String> LIMIT_KEYS = Set.of("max_header_size", "max_initial_line", "max_body_size",
            "drain_timeout");
    private static final Set<String> ADMIN_KEYS = Set.of("bind", "token", "token_file");
    private static final Set<String> TICKET_KEYS = Set.of("secret_file", "secret_env", "rotation");
    /** A configuration is small; a bigger file is a mistake (or an attack on the parser). */
    private static final int MAX_FILE_CHARS = 1 << 20;

    private ConfigLoader() {}

    /** What the sections share: where problems go, and the directory relative file names start from. */
    record Context(Problems problems, Path baseDir) {

        /**
         * A file named under {@code key}, resolved against the config file's directory, that must exist
         * and, when {@code pemLabel} is given, hold a PEM block of that label.
         */
        Path file(YamlMap m, String key, boolean required, String pemLabel) {
            if (!m.has(key)) {
                if (required) {
                    m.required(key);
                }
                return null;
            }
            return m.value(key, null, s -> {
                Path p = baseDir.resolve(s).normalize();
                if (!Files.isRegularFile(p)) {
                    throw new IllegalArgumentException("no such file: " + p);
                }
                if (!Files.isReadable(p)) {
                    throw new IllegalArgumentException("cannot read " + p);
                }
                if (pemLabel != null) {
                    try {
                        String text = Files.readString(p, StandardCharsets.US_ASCII);
                        if (!text.contains(pemLabel + "-----")) {
                            throw new IllegalArgumentException(p + " holds no PEM '" + pemLabel + "' block");
                        }
                    } catch (IOException e) {
                        throw new IllegalArgumentException(p + " is not a PEM file");
                    }
                }
                return p;
            });
        }
    }

    /** Loads and validates {@code file}. */
    public static ProxyConfig load(Path file) throws ConfigException {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        String text;
        try {
            if (Files.size(file) > MAX_FILE_CHARS) {
                throw new ConfigException(List.of(name + ": larger than " + MAX_FILE_CHARS + " bytes"));
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(List.of(name + ": cannot read: " + e.getMessage()));
        }
        Path dir = file.toAbsolutePath().getParent();
        return parse(text, name, dir);
    }

    /**
     * Validates {@code text} as if read from a file called {@code fileName} in {@code baseDir} (relative
     * file names start there).
     */
    public static ProxyConfig parse(String text, String fileName, Path baseDir) throws ConfigException {
        Problems problems = new Problems(fileName);
        Node root = compose(text, problems);
        if (root == null) {
            if (problems.isEmpty()) {
                problems.add(0, "", "empty configuration (listeners: and pools: are required)");
            }
            throw problems.exception();
        }
        Context context = new Context(problems, baseDir);
        YamlMap top = YamlMap.of(root, "", problems, TOP_KEYS);
        Map<String, PoolConfig> pools = new PoolSection(context).read(top);
        List<ListenerConfig> listeners = new ListenerSection(context, pools).read(top);
        LimitsConfig limits = limits(top.map("limits", LIMIT_KEYS));
        AdminConfig admin = admin(context, top.map("admin", ADMIN_KEYS));
        AccessLogConfig accessLog = top.value("access_log", new AccessLogConfig(AccessLogConfig.Target.STDOUT, null),
                s -> accessLog(s, baseDir));
        TicketConfig tickets = tickets(context, top.map("tickets", TICKET_KEYS));
        // Event-loop threads (benchmarks set it to match other proxies' workers); 0: twice the cores.
        int workers = top.integer("workers", 0, 0, 1024);
        if (!problems.isEmpty()) {
            throw problems.exception();
        }
        return new ProxyConfig(List.copyOf(listeners), java.util.Collections.unmodifiableMap(pools), limits, admin,
                accessLog, tickets, workers);
    }

    private static Node compose(String text, Problems problems) {
        if (text.length() > MAX_FILE_CHARS) {
            problems.add(0, "", "larger than " + MAX_FILE_CHARS + " characters");
            return null;
        }
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setNestingDepthLimit(32);
        options.setCodePointLimit(MAX_FILE_CHARS);
        options.setAllowRecursiveKeys(false);
        Yaml yaml = new Yaml(new SafeConstructor(options));
        try {
            return yaml.compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String what = e.getContext() == null ? e.getProblem() : e.getContext() + ", " + e.getProblem();
            problems.add(mark == null ? 0 : mark.getLine() + 1, "", "not valid YAML: " + what);
        } catch (YAMLException e) {
            problems.add(0, "", "not valid YAML: " + e.getMessage());
        }
        return null;
    }

    private static LimitsConfig limits(YamlMap m) {
        return new LimitsConfig(
                (int) m.size("max_header_size", Defaults.MAX_HEADER_BYTES, 1024, 1 << 20),
                (int) m.size("max_initial_line", Defaults.MAX_INITIAL_LINE_BYTES, 256, 64 * 1024),
                m.size("max_body_size", Defaults.MAX_BODY_BYTES, 0, 1L << 40),
                m.duration("drain_timeout", Defaults.DRAIN_TIMEOUT, Duration.ZERO, Duration.ofMinutes(30)));
    }

    private static AdminConfig admin(Context context, YamlMap m) {
        InetSocketAddress bind = m.value("bind", null, s -> Values.hostPort(s, 0).bindAddress());
        String token = null;
        if (m.has("token") && m.has("token_file")) {
            m.problem("token_file", "give token: or token_file:, not both");
        } else if (m.has("token")) {
            token = m.value("token", null, ConfigLoader::token);
        } else if (m.has("token_file")) {
            Path file = context.file(m, "token_file", true, null);
            if (file != null) {
                try {
                    String t = Files.readString(file, StandardCharsets.UTF_8).strip();
                    token = m.value("token_file", null, s -> token(t));
                } catch (IOException e) {
                    m.problem("token_file", "cannot read " + file + ": " + e.getMessage());
                }
            }
        }
        if (token != null && bind == null) {
            m.problem("bind", "is required when a token is given (the admin listener's host:port)");
        }
        return new AdminConfig(bind, token);
    }

    private static String token(String t) {
        if (t.length() < Defaults.ADMIN_TOKEN_MIN_CHARS || !t.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("the admin token must be at least " + Defaults.ADMIN_TOKEN_MIN_CHARS
                    + " printable characters without spaces (e.g. openssl rand -hex 32)");
        }
        return t;
    }

    private static AccessLogConfig accessLog(String s, Path baseDir) {
        if (s.equals("off")) {
            return new AccessLogConfig(AccessLogConfig.Target.OFF, null);
        }
        if (s.equals("stdout")) {
            return new AccessLogConfig(AccessLogConfig.Target.STDOUT, null);
        }
        Path p = baseDir.resolve(s).normalize();
        if (p.getParent() != null && !Files.isDirectory(p.getParent())) {
            throw new IllegalArgumentException("must be off, stdout or a file in an existing directory; no directory "
                    + p.getParent());
        }
        return new AccessLogConfig(AccessLogConfig.Target.FILE, p);
    }

    /**
     * Session-ticket keys shared by the instances: one secret from a file or an environment variable,
     * at least {@link Defaults#TICKET_SECRET_MIN_BYTES} bytes, checked here so that a short or missing
     * secret stops the start with a clear line rather than weakening every ticket.
     */
    private static TicketConfig tickets(Context context, YamlMap m) {
        Duration rotation = m.duration("rotation", Defaults.TICKET_ROTATION, Duration.ofMinutes(1), Duration.ofDays(7));
        if (m.has("secret_file") && m.has("secret_env")) {
            m.problem("secret_env", "give secret_file: or secret_env:, not both");
            return new TicketConfig(null, null, rotation);
        }
        Path file = context.file(m, "secret_file", false, null);
        if (file != null) {
            try {
                byte[] secret = Files.readAllBytes(file);
                int length = trimmedLength(secret);
                if (length < Defaults.TICKET_SECRET_MIN_BYTES) {
                    m.problem("secret_file", "the ticket secret must be at least " + Defaults.TICKET_SECRET_MIN_BYTES
                            + " bytes, " + file + " has " + length + " (e.g. openssl rand -base64 48 > " + file.getFileName() + ")");
                }
            } catch (IOException e) {
                m.problem("secret_file", "cannot read " + file + ": " + e.getMessage());
            }
        }
        String env = m.value("secret_env", null, s -> {
            if (!s.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("must be an environment variable name, got '" + s + "'");
            }
            String v = System.getenv(s);
            if (v == null) {
                throw new IllegalArgumentException("environment variable " + s + " is not set");
            }
            if (trimmedLength(v.getBytes(StandardCharsets.UTF_8)) < Defaults.TICKET_SECRET_MIN_BYTES) {
                throw new IllegalArgumentException("the ticket secret in " + s + " must be at least "
                        + Defaults.TICKET_SECRET_MIN_BYTES + " bytes");
            }
            return s;
        });
        return new TicketConfig(file, env, rotation);
    }

    /** Length without trailing line ends, which editors and echo add. */
    private static int trimmedLength(byte[] b) {
        int n = b.length;
        while (n > 0 && (b[n - 1] == '\n' || b[n - 1] == '\r')) {
            n--;
        }
        return n;
    }
}
