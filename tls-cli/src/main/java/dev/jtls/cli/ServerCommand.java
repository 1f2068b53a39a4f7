package dev.jtls.cli;

import dev.jtls.connection.AlpnSelector;
import dev.jtls.connection.Profile;
import dev.jtls.connection.ClientAuth;
import dev.jtls.connection.TlsConfig;
import dev.jtls.connection.TlsSocket;
import dev.jtls.handshake.HandshakeEvent;
import dev.jtls.handshake.Negotiated;
import dev.jtls.handshake.PeerCertificates;
import dev.jtls.handshake.server.ServerHandshake;
import dev.jtls.pki.CertifiedKey;
import dev.jtls.pki.PkixTrustVerifier;
import dev.jtls.pki.TrustAnchors;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.IntConsumer;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jtls server}: accepts TLS 1.2 connections one after another until killed (or --count
 * connections), printing what each client sends, or echoing it back with --echo. A failed
 * handshake is reported on one line and the server goes on with the next connection.
 */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = {"Serve TLS 1.2 connections one after another until killed.",
            "Without --cert/--key it serves a throwaway 'localhost' certificate and prints its CA (for jtls client --trust)."})
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

    @Option(names = "--alpn", paramLabel = "PROTOCOL",
            description = "Application protocols to accept, in preference order (repeatable).")
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

    @Option(names = "--count", defaultValue = "0", paramLabel = "N", description = "Stop after N connections (default: never).")
    int count;

    @Option(names = "--timeout", defaultValue = "30000", paramLabel = "MS",
            description = "Close a connection quiet for this long (default: ${DEFAULT-VALUE}).")
    int timeoutMs;

    @Option(names = "--provider", paramLabel = "NAME",
            description = {"Serve through the JSSE API of this provider: jtls (the jtls JSSE provider) or SunJSSE "
                + "(the JDK's), to compare stacks. Default: jtls's own sockets (needed for --group, --keylog)."})
    String provider;

    PrintStream out = System.out;
    PrintStream err = System.err;
    /** Told the port once the server listens (tests use it; the port is also printed). */
    IntConsumer onListening = p -> { };

    /** One accepted connection after its handshake: its data streams and a line saying what was negotiated. */
    private record Session(InputStream in, OutputStream out, String description, java.io.Closeable closer) {
    }

    /** Does the handshake on an accepted socket (jtls's own, or a JSSE provider's). */
    private interface Handshaker {
        Session handshake(Socket accepted) throws IOException;
    }

    @Override
    public Integer call() {
        try {
            JsseStack stack = JsseStack.named(provider);
            JsseStack.rejectDirectOnly(stack, groups, keyLog, false, noEncryptThenMac);
            CertifiedKey own = ownKey();
            ClientAuth mode = clientAuthMode();
            List<X509Certificate> anchors = trust != null ? Pem.certificates(trust) : null;
            if (anchors == null && mode != ClientAuth.NONE) {
                throw new IllegalArgumentException("--client-auth " + clientAuth + " needs --trust FILE for client certificates");
            }
            ServerSocket listener;
            Handshaker handshaker;
            if (stack == null) {
                TlsConfig config = config(own, mode, anchors);
                listener = new ServerSocket(port, 50, InetAddress.getByName(bind));
                handshaker = s -> direct(s, config);
            } else {
                SSLServerSocket ssl = (SSLServerSocket) stack.context(own, anchors).getServerSocketFactory()
                        .createServerSocket(port, 50, InetAddress.getByName(bind));
                SSLParameters p = ssl.getSSLParameters();
                JsseStack.restrict(p, suites);
                if (alpn != null && !alpn.isEmpty()) {
                    p.setApplicationProtocols(alpn.toArray(new String[0]));
                }
                p.setNeedClientAuth(mode == ClientAuth.NEED);
                if (mode == ClientAuth.WANT) {
                    p.setWantClientAuth(true);
                }
                ssl.setSSLParameters(p);
                listener = ssl;
                handshaker = s -> jsse((SSLSocket) s, stack);
            }
            try (ServerSocket l = listener) {
                out.println("jtls server listening on " + bind + ":" + l.getLocalPort()
                        + (stack != null ? " (provider " + stack.name() + ")" : ""));
                out.flush();
                onListening.accept(l.getLocalPort());
                for (int i = 1; count == 0 || i <= count; i++) {
                    try (Socket s = l.accept()) {
                        serve(i, s, handshaker);
                    }
                }
            }
            return 0;
        } catch (Exception e) {
            err.println("jtls server: " + DemoCommand.describe(e));
            return 1;
        }
    }

    private CertifiedKey ownKey() throws Exception {
        CertifiedKey own = Settings.certifiedKey(cert, key);
        if (own == null) {
            DemoCertificates demo = DemoCertificates.create();
            own = demo.server;
            out.println("jtls server: no --cert/--key: serving a throwaway certificate for 'localhost'; its CA:");
            out.print(Pem.encode("CERTIFICATE", demo.ca.getEncoded()));
        }
        return own;
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

    private TlsConfig config(CertifiedKey own, ClientAuth mode, List<X509Certificate> anchors) throws IOException {
        TlsConfig.Builder b = TlsConfig.builder().profile(profile()).encryptThenMac(!noEncryptThenMac);
        b.strictSni(strictSni || profile() == Profile.MODERN).strictAlpn(strictAlpn || profile() == Profile.MODERN);
        b.certifiedKey(own);
        Settings.common(b, suites, groups, keyLog);
        if (alpn != null && !alpn.isEmpty()) {
            b.alpnSelector(AlpnSelector.preferring(alpn));
        }
        b.clientAuth(mode);
        if (anchors != null) {
            // RFC 5280 path validation to these CAs, clientAuth EKU (ValidationPolicy.webPkiClient).
            b.trust(PkixTrustVerifier.webPki(TrustAnchors.of(anchors)));
        }
        return b.build();
    }

    /** One connection: handshake, then data until the client closes; failures are reported, not fatal. */
    private void serve(int n, Socket s, Handshaker handshaker) {
        String who = "connection " + n + " from " + s.getInetAddress().getHostAddress() + ":" + s.getPort();
        try {
            s.setSoTimeout(timeoutMs);
            s.setTcpNoDelay(true);
            Session session = handshaker.handshake(s);
            try (java.io.Closeable closer = session.closer()) { // sends our close_notify
                out.println(who + ": " + session.description());
                out.flush();
                byte[] buf = new byte[16 * 1024];
                int r;
                while ((r = session.in().read(buf)) >= 0) {
                    if (echo) {
                        session.out().write(buf, 0, r);
                        session.out().flush();
                    } else {
                        out.write(buf, 0, r);
                        out.flush();
                    }
                }
                out.println(who + ": closed by the client (close_notify)");
            }
        } catch (IOException | RuntimeException e) {
            out.println(who + ": failed: " + DemoCommand.describe(e));
        }
        out.flush();
    }

    /** jtls's own socket over the accepted one. */
    private static Session direct(Socket s, TlsConfig config) throws IOException {
        TlsSocket tls = new TlsSocket(s, ServerHandshake.connection(config));
        tls.handshake();
        return new Session(tls.getInputStream(), tls.getOutputStream(), describe(tls), tls);
    }

    private static Session jsse(SSLSocket s, JsseStack stack) throws IOException {
        s.startHandshake();
        String peer = JsseStack.peerSubject(s.getSession());
        String sni = null;
        if (s.getSession() instanceof javax.net.ssl.ExtendedSSLSession) {
            for (javax.net.ssl.SNIServerName name : ((javax.net.ssl.ExtendedSSLSession) s.getSession()).getRequestedServerNames()) {
                if (name instanceof javax.net.ssl.SNIHostName) {
                    sni = ((javax.net.ssl.SNIHostName) name).getAsciiName();
                }
            }
        }
        return new Session(s.getInputStream(), s.getOutputStream(), stack.describe(s.getSession(), s.getApplicationProtocol())
                + (sni != null ? ", SNI " + sni : "")
                + (peer != null ? ", client certificate '" + peer + "'" : ", no client certificate"), s);
    }

    private static String describe(TlsSocket tls) {
        Negotiated n = DemoCommand.negotiated(tls.connection());
        String peer = "no client certificate";
        for (HandshakeEvent e : tls.connection().events()) {
            if (e instanceof PeerCertificates && !((PeerCertificates) e).chain().isEmpty()) {
                peer = "client certificate '" + ((PeerCertificates) e).chain().get(0).getSubjectX500Principal().getName() + "'";
            }
        }
        return n.suite().standardName() + (n.group() != null ? ", " + dev.jtls.message.NamedGroupId.of(n.group()) : "")
                + Settings.recordConstruction(n)
                + (n.resumed() ? ", resumed" : ", full handshake")
                + (n.serverName() != null ? ", SNI " + n.serverName() : "")
                + (n.alpn() != null ? ", ALPN " + n.alpn() : "") + ", " + peer;
    }
}
