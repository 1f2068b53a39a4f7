package dev.jtls.cli;

import dev.jtls.config.AlpnSelector;
import dev.jtls.config.Profile;
import dev.jtls.config.ClientAuth;
import dev.jtls.config.TlsConfig;
import dev.jtls.connection.TlsConnection;
import dev.jtls.connection.TlsSocket;
import dev.jtls.connection.TlsTrace;
import dev.jtls.pki.CertifiedKey;
import dev.jtls.pki.PkixTrustVerifier;
import dev.jtls.pki.TrustAnchors;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.IntConsumer;
import javax.net.ssl.SSLSocket;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jtls server}: serves TLS 1.2 connections side by side until killed (or --count
 * connections), printing what each client sends, echoing it (--echo) or answering an HTTP request
 * with a page of what was negotiated (--www). Each connection ends in one log line; an error in
 * one never stops the others. The configuration is checked before anything is served, each
 * problem in one line that names the file, port or value.
 */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = {"Serve TLS 1.2 connections, several at once, until killed.",
            "Without --cert/--key it serves a throwaway 'localhost' certificate and prints its CA (for jtls client --trust; --ca-out FILE writes it)."})
final class ServerCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "4433", description = "TCP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String bind;

    @Option(names = "--cert", paramLabel = "FILE", description = "PEM certificate chain, leaf first.")
    Path cert;

    @Option(names = "--key", paramLabel = "FILE",
            description = "PEM private key of --cert: unencrypted PKCS#8 ('BEGIN PRIVATE KEY'), RSA, EC or Ed25519.")
    Path key;

    @Option(names = "--ca-out", paramLabel = "FILE",
            description = "Without --cert/--key: also write the throwaway CA certificate (PEM) to FILE, for jtls client --trust or curl --cacert.")
    Path caOut;

    @Option(names = "--alpn", paramLabel = "PROTOCOL",
            description = "Application protocols to accept, in preference order (repeatable). With --www and no --alpn: http/1.1 if offered.")
    List<String> alpn;

    @Option(names = "--client-auth", defaultValue = "none", paramLabel = "none|want|need",
            description = "Ask for a client certificate (want) or insist on one (need); default: ${DEFAULT-VALUE}.")
    String clientAuth;

    @Option(names = "--trust", paramLabel = "FILE", description = "PEM bundle of the certificates client certificates must chain to.")
    Path trust;

    @Option(names = "--suite", paramLabel = "NAME", description = "Accept only these cipher suites (IANA names; repeatable).")
    List<String> suites;

    @Option(names = "--group", paramLabel = "NAME", description = "Accept only these groups (x25519, secp256r1, ...; repeatable).")
    List<String> groups;

    @Option(names = "--keylog", paramLabel = "FILE", description = "Append the session secrets to FILE (NSS key log format).")
    Path keyLog;

    @Option(names = "--no-encrypt-then-mac",
            description = "Do not accept encrypt_then_mac (RFC 7366): CBC suites use MAC-then-encrypt records.")
    boolean noEncryptThenMac;

    @Option(names = "--profile", defaultValue = "compatible", paramLabel = "compatible|modern",
            description = {"compatible: every suite, RSA key exchange and CBC last (default); modern: ECDHE with AEAD "
                + "suites only, --strict-sni and --strict-alpn. --suite and the strict options still apply after it."})
    String profile;

    @Option(names = "--strict-sni",
            description = "Refuse a server_name no certificate names with a fatal unrecognized_name (RFC 6066 §3).")
    boolean strictSni;

    @Option(names = "--strict-alpn", description = "Refuse a client whose ALPN list has nothing in common with --alpn "
            + "with a fatal no_application_protocol (RFC 7301 §3.2); clients without ALPN are served.")
    boolean strictAlpn;

    @Option(names = "--echo", description = "Send everything received back to the client.")
    boolean echo;

    @Option(names = "--www", description = {"Answer an HTTP/1.x request with a plain-text page of the connection's protocol, "
            + "cipher suite, group, signature scheme, resumption, SNI, ALPN, EMS and client certificate "
            + "(like openssl s_server -www), then close: curl --cacert ca.pem https://localhost:4433/"})
    boolean www;

    @Option(names = "--count", defaultValue = "0", paramLabel = "N", description = "Stop after N accepted connections, once they are done (default: never).")
    int count;

    @Option(names = "--max-connections", defaultValue = "64", paramLabel = "N",
            description = "Connections served at once; one more is refused and logged (default: ${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(names = "--handshake-timeout", defaultValue = "10s", paramLabel = "TIME", converter = DurationOption.class,
            description = "Close a connection whose handshake is not done by then (default: ${DEFAULT-VALUE}; 500ms, 10s, 2m).")
    Duration handshakeTimeout;

    @Option(names = "--idle-timeout", defaultValue = "60s", paramLabel = "TIME", converter = DurationOption.class,
            description = "Close a connection quiet for this long after its handshake (default: ${DEFAULT-VALUE}).")
    Duration idleTimeout;

    @Option(names = "--provider", paramLabel = "NAME",
            description = {"Serve through the JSSE API of this provider: jtls (the jtls JSSE provider) or SunJSSE "
                + "(the JDK's), to compare stacks. Default: jtls's own sockets (needed for --group, --keylog)."})
    String provider;

    PrintStream out = System.out;
    PrintStream err = System.err;
    /** Told the port once the server listens (tests use it; the port is also printed). */
    IntConsumer onListening = p -> { };

    @Override
    public Integer call() {
        try {
            // 1. Everything that can be checked without the network, in the order of the options.
            JsseStack stack = JsseStack.named(provider);
            JsseStack.rejectDirectOnly(stack, groups, keyLog, false, noEncryptThenMac);
            ServedConnection.Mode mode = mode();
            ClientAuth authMode = clientAuthMode();
            if (caOut != null && cert != null) {
                throw new IllegalArgumentException("--ca-out writes the throwaway CA, which is made only without --cert/--key");
            }
            Settings.writableFile("--ca-out", caOut);
            Settings.writableFile("--keylog", keyLog);
            Settings.readableFile("--trust", trust);
            Settings.checkNames(suites, groups);
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("--port " + port + ": not a port (1-65535, or 0 for a free one)");
            }
            if (maxConnections < 1) {
                throw new IllegalArgumentException("--max-connections must be at least 1, not " + maxConnections);
            }
            CertifiedKey given = Settings.certifiedKey(cert, key);
            List<X509Certificate> anchors = trust != null ? Pem.certificates(trust) : null;
            if (anchors == null && authMode != ClientAuth.NONE) {
                throw new IllegalArgumentException("--client-auth " + clientAuth + " needs --trust FILE for client certificates");
            }
            // 2. The port (named if it is taken); 3. only then the throwaway CA.
            try (ServerSocket l = Listener.bind(bind, port)) {
                CertifiedKey own = given != null ? given : throwawayKey();
                ServedConnection.Handshaker handshaker = stack == null
                        ? direct(config(own, authMode, anchors))
                        : jsse(stack, stack.context(own, anchors), authMode);
                out.println("jtls server listening on " + bind + ":" + l.getLocalPort()
                        + (stack != null ? " (provider " + stack.name() + ")" : "")
                        + (mode == ServedConnection.Mode.WWW ? " (--www: https://" + (bind.contains(":") ? "[" + bind + "]" : bind)
                        + ":" + l.getLocalPort() + "/)" : ""));
                out.flush();
                onListening.accept(l.getLocalPort());
                ServedConnection.Timeouts timeouts = new ServedConnection.Timeouts(handshakeTimeout, idleTimeout);
                java.util.concurrent.ScheduledThreadPoolExecutor timer = Deadline.timer("jtls-server-deadlines");
                try {
                    new Acceptor(l, maxConnections, out).run(count,
                            (n, s) -> new ServedConnection(n, s, handshaker, mode, timeouts, timer, out));
                } finally {
                    timer.shutdownNow();
                }
            }
            return 0;
        } catch (Exception e) {
            err.println("jtls server: " + DemoCommand.describe(e));
            return 1;
        }
    }

    private ServedConnection.Mode mode() {
        if (echo && www) {
            throw new IllegalArgumentException("--echo and --www go one at a time");
        }
        return www ? ServedConnection.Mode.WWW : echo ? ServedConnection.Mode.ECHO : ServedConnection.Mode.PRINT;
    }

    /** A throwaway CA and 'localhost' certificate; the CA is printed (and written to --ca-out). */
    private CertifiedKey throwawayKey() throws Exception {
        DemoCertificates demo = DemoCertificates.create();
        String caPem = Pem.encode("CERTIFICATE", demo.ca.getEncoded());
        if (caOut != null) {
            Files.writeString(caOut, caPem, StandardCharsets.US_ASCII);
            out.println("jtls server: no --cert/--key: serving a throwaway certificate for 'localhost'; its CA is in "
                    + caOut + " (jtls client --trust " + caOut + ", curl --cacert " + caOut + "):");
        } else {
            out.println("jtls server: no --cert/--key: serving a throwaway certificate for 'localhost'; its CA:");
        }
        out.print(caPem);
        return demo.server;
    }

    private Profile profile() {
        try {
            return Profile.valueOf(profile.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--profile is compatible or modern, not '" + profile + "'");
        }
    }

    private ClientAuth clientAuthMode() {
        try {
            return ClientAuth.valueOf(clientAuth.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--client-auth is none, want or need, not '" + clientAuth + "'");
        }
    }

    private List<String> alpnOrNull() {
        return alpn != null && !alpn.isEmpty() ? alpn : null;
    }

    private TlsConfig config(CertifiedKey own, ClientAuth mode, List<X509Certificate> anchors) throws IOException {
        TlsConfig.Builder b = TlsConfig.builder().profile(profile()).encryptThenMac(!noEncryptThenMac);
        b.strictSni(strictSni || profile() == Profile.MODERN).strictAlpn(strictAlpn || profile() == Profile.MODERN);
        b.certifiedKey(own);
        Settings.common(b, suites, groups, keyLog);
        if (alpnOrNull() != null) {
            b.alpnSelector(AlpnSelector.preferring(alpn));
        } else if (www) {
            // RFC 7301 §3.2: declining (no ALPN in the ServerHello) is allowed; HTTP/1.1 when offered.
            b.alpnSelector((serverName, offered) -> offered.contains("http/1.1") ? "http/1.1" : null);
        }
        b.clientAuth(mode);
        if (anchors != null) {
            // RFC 5280 path validation to these CAs, clientAuth EKU (ValidationPolicy.webPkiClient).
            b.trust(PkixTrustVerifier.webPki(TrustAnchors.of(anchors)));
        }
        return b.build();
    }

    /** jtls's own socket over the accepted one. */
    private static ServedConnection.Handshaker direct(TlsConfig config) {
        return s -> {
            HandshakeWatch watch = new HandshakeWatch(TlsTrace.NONE);
            TlsSocket tls = new TlsSocket(s, TlsConnection.server(config, watch));
            tls.handshake();
            return new ServedConnection.Session(tls.getInputStream(), tls.getOutputStream(),
                    ConnectionFacts.of(tls, watch, config), tls, e -> tls.connection().isTruncated());
        };
    }

    /** A provider's SSLSocket over each accepted socket, set up from the options. */
    private ServedConnection.Handshaker jsse(JsseStack stack, javax.net.ssl.SSLContext context, ClientAuth mode) {
        List<String> protocols = alpnOrNull() != null ? alpn : www ? List.of("http/1.1") : null;
        return s -> {
            SSLSocket tls = Listener.layer(s, context, suites, protocols, mode);
            tls.startHandshake();
            return new ServedConnection.Session(tls.getInputStream(), tls.getOutputStream(),
                    ConnectionFacts.of(tls, stack), tls, ServedConnection::looksTruncated);
        };
    }
}
