package dev.jtls.interop;

import dev.jtls.crypto.NamedGroup;
import dev.jtls.suite.CipherSuite;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How the tests start {@code gnutls-serv} and {@code gnutls-cli} (GnuTLS 3.7, Debian's gnutls-bin)
 * and read what they print. A jtls suite maps to a GnuTLS priority string naming its key exchange,
 * cipher and MAC; whether GnuTLS has the suite is asked of GnuTLS itself ({@code gnutls-cli --list
 * --priority …}), so a suite it lacks is reported in its own words.
 */
final class GnuTls {
    static final String CLI = System.getProperty("interop.gnutls-cli", "gnutls-cli");
    static final String SERV = System.getProperty("interop.gnutls-serv", "gnutls-serv");
    static final Duration START = Duration.ofSeconds(15);
    static final Duration RUN = Duration.ofSeconds(60);

    private static final Map<String, String> LISTINGS = new HashMap<>();
    private static String version;

    private GnuTls() {
    }

    static synchronized String version() {
        if (version == null) {
            String out = run(List.of(CLI, "--version"));
            version = out.lines().findFirst().orElse(out).strip();
        }
        return version;
    }

    /** The priority string that allows exactly {@code suite} over TLS 1.2 with {@code groups}, in order. */
    static String priority(CipherSuite suite, List<NamedGroup> groups) {
        StringBuilder p = new StringBuilder("NORMAL:-VERS-ALL:+VERS-TLS1.2:-CIPHER-ALL:+").append(cipher(suite))
                .append(":-MAC-ALL:+").append(mac(suite)).append(":-KX-ALL:+").append(kx(suite));
        if (!groups.isEmpty()) {
            p.append(":-GROUP-ALL");
            for (NamedGroup g : groups) {
                p.append(":+GROUP-").append(groupName(g));
            }
        }
        return p.toString();
    }

    static String groupName(NamedGroup g) {
        return g.name().toUpperCase(Locale.ROOT);
    }

    private static String kx(CipherSuite s) {
        String n = s.standardName();
        return n.startsWith("TLS_ECDHE_ECDSA_") ? "ECDHE-ECDSA" : n.startsWith("TLS_ECDHE_RSA_") ? "ECDHE-RSA" : "RSA";
    }

    private static String cipher(CipherSuite s) {
        String n = s.standardName();
        for (String c : List.of("AES_128_GCM", "AES_256_GCM", "CHACHA20_POLY1305", "AES_128_CBC", "AES_256_CBC")) {
            if (n.contains("_WITH_" + c)) {
                return c.replace('_', '-');
            }
        }
        throw new AssertionError("no GnuTLS cipher name for " + n);
    }

    private static String mac(CipherSuite s) {
        String n = s.standardName();
        if (!n.contains("_CBC_")) {
            return "AEAD";
        }
        return n.endsWith("_SHA") ? "SHA1" : n.substring(n.lastIndexOf('_') + 1);
    }

    private static synchronized String listing(String priority) {
        return LISTINGS.computeIfAbsent(priority, p -> run(List.of(CLI, "--list", "--priority", p)));
    }

    /** GnuTLS's name of a jtls suite (e.g. "TLS_ECDHE_RSA_AES_128_GCM_SHA256"), or null if GnuTLS lacks it. */
    static String suiteName(CipherSuite suite) {
        String code = String.format("0x%02x, 0x%02x", suite.code() >> 8, suite.code() & 0xff);
        for (String line : listing(priority(suite, List.of())).split("\n")) {
            if (line.contains(code)) {
                return line.trim().split("\\s+")[0];
            }
        }
        return null;
    }

    /** What GnuTLS lists for the suite's priority string (for a "refused:" cell). */
    static String refusal(CipherSuite suite) {
        String p = priority(suite, List.of());
        String out = listing(p);
        String suites = out.contains("\nProtocols") ? out.substring(0, out.indexOf("\nProtocols")) : out;
        return "gnutls-cli --list --priority " + p + " lists no " + suite.standardName() + ": "
                + suites.strip().replace('\n', ' ');
    }

    /**
     * Starts a {@code gnutls-serv} (line-buffered through {@code stdbuf}, so its per-connection log
     * arrives as it happens) on a free port picked now; waits for its "listening on IPv4 … port N"
     * line. gnutls-serv has no option for the listening address: it binds the wildcard address, and
     * the tests connect to 127.0.0.1. Retries on a lost port race.
     */
    static Server server(String name, List<String> args, Map<String, String> env) throws IOException {
        AssertionError last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = OpenSsl.freePort();
            List<String> cmd = new ArrayList<>(List.of("stdbuf", "-oL", "-eL", SERV, "--port", String.valueOf(port)));
            cmd.addAll(args);
            Peer p = Peer.start(name, cmd, env);
            try {
                p.awaitStderr(Pattern.compile("listening on IPv4 0\\.0\\.0\\.0 port " + port + "\\.\\.\\.done"), START);
                return new Server(p, port);
            } catch (AssertionError e) {
                p.close();
                last = e;
            }
        }
        throw last;
    }

    /** Runs a gnutls-cli to its end with {@code stdin} as its input; returns the finished process. */
    static Peer client(String name, List<String> args, byte[] stdin, Map<String, String> env) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(CLI));
        cmd.addAll(args);
        Peer p = Peer.start(name, cmd, env);
        p.feedStdin(stdin, true);
        p.awaitExit(RUN);
        return p;
    }

    private static String run(List<String> cmd) {
        try (Peer p = Peer.start(String.join(" ", cmd), cmd)) {
            p.awaitExit(START);
            return p.stdoutText() + p.stderrText();
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", cmd) + ": " + e.getMessage(), e);
        }
    }

    /** A running gnutls-serv and its port. */
    record Server(Peer peer, int port) implements AutoCloseable {
        /** Where the log of the next connection will start. */
        int mark() {
            return peer.stdoutLength();
        }

        /**
         * The server's log of one connection: from {@code mark} on, up to and including the
         * {@code - Options:} line it prints once that handshake is done.
         */
        String connectionLog(int mark) {
            String options = peer.awaitStdout(Pattern.compile("(?s)(.*?- Options:[^\n]*\n)"), RUN, mark);
            return options;
        }

        @Override
        public void close() {
            peer.close();
        }
    }
}
