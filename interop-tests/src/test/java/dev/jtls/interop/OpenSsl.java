package dev.jtls.interop;

import dev.jtls.crypto.NamedGroup;
import dev.jtls.suite.CipherSuite;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How the tests start {@code openssl s_server} and {@code s_client} (OpenSSL 3.0) and read what
 * they print. Suite names come from OpenSSL itself ({@code openssl ciphers -stdname}), so a jtls
 * suite this OpenSSL lacks is reported with OpenSSL's own words rather than guessed.
 */
final class OpenSsl {
    static final String BIN = System.getProperty("interop.openssl", "openssl");
    static final Duration START = Duration.ofSeconds(15);
    static final Duration RUN = Duration.ofSeconds(60);

    private static Map<String, String> stdNames;
    private static String version;

    private OpenSsl() {
    }

    static synchronized String version() {
        if (version == null) {
            version = run(List.of(BIN, "version")).strip();
        }
        return version;
    }

    /** OpenSSL's name for a jtls suite, or null if this OpenSSL does not list it. */
    static synchronized String suiteName(CipherSuite suite) {
        if (stdNames == null) {
            stdNames = new HashMap<>();
            // Lines look like "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 - ECDHE-ECDSA-AES128-GCM-SHA256 TLSv1.2 ...".
            for (String line : run(List.of(BIN, "ciphers", "-stdname", "ALL:COMPLEMENTOFALL:@SECLEVEL=0")).split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length >= 3 && f[1].equals("-")) {
                    stdNames.put(f[0], f[2]);
                }
            }
        }
        return stdNames.get(suite.standardName());
    }

    /** What OpenSSL says when asked for a suite it does not have (for the matrix's refusal text). */
    static String refusal(CipherSuite suite) {
        String out = run(List.of(BIN, "ciphers", "-stdname", suite.standardName()));
        return "openssl ciphers -stdname " + suite.standardName() + ": " + out.strip().replace('\n', ' ');
    }

    /**
     * The "New, TLSv1.0, Cipher is ECDHE-ECDSA-AES128-SHA" line OpenSSL prints, as a pattern: the
     * version there is the cipher's own minimum (SSL_CIPHER_get_version: TLSv1.0, SSLv3 for the SHA-1
     * CBC suites), not the negotiated one, which "Protocol  : TLSv1.2" gives and the tests check too.
     */
    static String cipherLine(String newOrReused, String opensslName) {
        return newOrReused + ", (TLSv1\\.2|TLSv1\\.0|SSLv3), Cipher is " + Pattern.quote(opensslName) + "\n";
    }

    /** The -groups name of a jtls group. */
    static String groupName(NamedGroup g) {
        switch (g) {
            case X25519:
                return "X25519";
            case X448:
                return "X448";
            case SECP256R1:
                return "P-256";
            case SECP384R1:
                return "P-384";
            case SECP521R1:
                return "P-521";
            default:
                throw new AssertionError(g);
        }
    }

    /** How OpenSSL prints a group in "Shared groups:" (s_server) — the TLS registry name. */
    static String registryName(NamedGroup g) {
        return g.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** What s_client prints after "Server Temp Key: " for a group. */
    static String tempKey(NamedGroup g) {
        switch (g) {
            case X25519:
                return "X25519, 253 bits";
            case X448:
                return "X448, 448 bits";
            case SECP256R1:
                return "ECDH, prime256v1, 256 bits";
            case SECP384R1:
                return "ECDH, secp384r1, 384 bits";
            case SECP521R1:
                return "ECDH, secp521r1, 521 bits";
            default:
                throw new AssertionError(g);
        }
    }

    /**
     * Starts an {@code s_server} that lets the OS choose a free loopback port ({@code -accept
     * 127.0.0.1:0}) and waits for its "ACCEPT 127.0.0.1:port" line, printed once it listens. Not
     * for {@code -quiet}/{@code -brief} servers, which print no such line: see {@link #quietServer}.
     */
    static Server server(String name, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(BIN, "s_server", "-accept", "127.0.0.1:0"));
        cmd.addAll(args);
        Peer p = Peer.start(name, cmd);
        try {
            int port = Integer.parseInt(p.awaitStdout(Pattern.compile("ACCEPT 127\\.0\\.0\\.1:(\\d+)"), START));
            return new Server(p, port);
        } catch (RuntimeException | AssertionError e) {
            p.close();
            throw e;
        }
    }

    /**
     * Starts a {@code -brief} s_server (its standard output is then exactly the application data it
     * receives) on a free port picked now, and polls until it accepts a TCP connection (that probe
     * connection fails its handshake, which s_server logs and survives). Retries on a lost port race.
     */
    static Server quietServer(String name, List<String> args) throws IOException {
        AssertionError last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            List<String> cmd = new ArrayList<>(List.of(BIN, "s_server", "-accept", "127.0.0.1:" + port, "-brief"));
            cmd.addAll(args);
            Peer p = Peer.start(name, cmd);
            try {
                awaitAccepting(p, port, START);
                return new Server(p, port);
            } catch (AssertionError e) {
                p.close();
                last = e;
            }
        }
        throw last;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void awaitAccepting(Peer p, int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                return;
            } catch (IOException e) {
                if (!p.isAlive()) {
                    throw new AssertionError("s_server exited before accepting on port " + port + ": " + p.describe());
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("s_server did not accept on port " + port + ": " + p.describe());
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", ie);
                }
            }
        }
    }

    /** Runs an s_client to its end with {@code stdin} as input; returns the finished process. */
    static Peer client(String name, List<String> args, byte[] stdin) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(BIN, "s_client"));
        cmd.addAll(args);
        Peer p = Peer.start(name, cmd);
        p.feedStdin(stdin, true);
        p.awaitExit(RUN);
        return p;
    }

    private static String run(List<String> cmd) {
        try (Peer p = Peer.start(String.join(" ", cmd), cmd)) {
            p.awaitExit(START);
            return p.stdoutText() + p.stderrText();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + cmd + ": " + e.getMessage(), e);
        }
    }

    /** A running s_server and its port. */
    record Server(Peer peer, int port) implements AutoCloseable {
        @Override
        public void close() {
            peer.close();
        }
    }
}
