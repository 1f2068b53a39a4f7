package dev.jtls.proxy.config;

import dev.jtls.proxy.balance.PolicyKind;
import java.time.Duration;
import java.util.List;

/**
 * What the configuration loader puts where the file says nothing: values safe on the open internet
 * (every wait has a deadline, every buffer a cap). The same table is in {@code tls-proxy/CONFIG.md}.
 */
public final class Defaults {

    private Defaults() {}

    // Listeners
    /** The whole TLS handshake must finish within this (a stalled handshake holds a socket). */
    public static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    /** The whole request head must arrive within this (slowloris → 408). */
    public static final Duration REQUEST_HEADER_TIMEOUT = Duration.ofSeconds(10);
    /** A keep-alive client connection may sit idle between requests this long. */
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);
    public static final int MAX_CONNECTIONS_PER_LISTENER = 10_000;
    /** ALPN offered in http mode; other modes offer none unless configured. */
    public static final List<String> HTTP_ALPN = List.of("http/1.1");
    public static final boolean STRICT_SNI = true;
    public static final boolean STRICT_ALPN = true;

    // Limits
    public static final int MAX_HEADER_BYTES = 16 * 1024;
    public static final int MAX_INITIAL_LINE_BYTES = 8 * 1024;
    public static final long MAX_BODY_BYTES = 10L * 1024 * 1024;
    /** Graceful shutdown: in-flight requests get this long. */
    public static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

    // Pools
    /** Smooth weighted round robin: with equal weights it is plain round robin. */
    public static final PolicyKind POLICY = PolicyKind.WEIGHTED_ROUND_ROBIN;
    public static final String HASH_KEY = "client_ip";
    public static final int WEIGHT = 1;
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    /** Until the first byte of the back end's response (→ 504). */
    public static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);
    public static final int KEEP_ALIVE_MAX_IDLE = 32;
    public static final int KEEP_ALIVE_MAX_PER_BACKEND = 256;
    /** Shorter than the usual back-end keep-alive timeouts (nginx 75s, Node 5s is the exception). */
    public static final Duration KEEP_ALIVE_IDLE_TIMEOUT = Duration.ofSeconds(30);
    /** Requests per pooled connection; 0: no limit. */
    public static final int KEEP_ALIVE_MAX_REQUESTS = 0;
    /** Active checks: a TCP connect unless the pool asks for an HTTP GET. */
    public static final HealthCheckConfig.Kind HEALTH_KIND = HealthCheckConfig.Kind.TCP;
    public static final String HEALTH_PATH = "/";
    public static final int HEALTH_EXPECT_STATUS = 200;
    public static final Duration HEALTH_INTERVAL = Duration.ofSeconds(5);
    public static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(2);
    public static final int HEALTH_RISE = 2;
    public static final int HEALTH_FALL = 3;
    /** Passive health: this many failures in a row eject a back end; 0 turns it off. */
    public static final int PASSIVE_FAILURES = 5;
    public static final Duration PASSIVE_EJECT_FOR = Duration.ofSeconds(30);
    public static final boolean PASSIVE_COUNT_5XX = false;
    /** Off: a back end that comes back takes its full share at once. */
    public static final Duration SLOW_START = Duration.ZERO;

    // Tickets
    /** Each ticket key is used for this long and still opens tickets for one more period. */
    public static final Duration TICKET_ROTATION = Duration.ofHours(12);
    /** The shared ticket secret must be at least this long (256 bits). */
    public static final int TICKET_SECRET_MIN_BYTES = 32;

    // Admin
    /** The runtime API's bearer token must be at least this long. */
    public static final int ADMIN_TOKEN_MIN_CHARS = 16;
}
