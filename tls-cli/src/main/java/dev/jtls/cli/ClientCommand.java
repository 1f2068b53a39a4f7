package dev.jtls.cli;

import dev.jtls.config.TlsConfig;
import dev.jtls.connection.TlsConnection;
import dev.jtls.connection.TlsSocket;
import dev.jtls.connection.TlsTrace;
import dev.jtls.handshake.Negotiated;
import dev.jtls.pki.CertifiedKey;
import dev.jtls.pki.CrlChecking;
import dev.jtls.pki.CrlSet;
import dev.jtls.pki.HostnameVerifier;
import dev.jtls.pki.PkixTrustVerifier;
import dev.jtls.pki.TrustAnchors;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jtls client HOST:PORT}: connects, sends standard input to the server and prints what
 * comes back (like {@code openssl s_client -quiet}). TlsSocket serialises reads and writes, so the
 * client alternates: after each chunk of input it prints the server's answer until the server has
 * been quiet for {@code --wait} ms; at the end of input it waits the same way, then closes.
 * {@code jtls client https://HOST[:PORT]/PATH} instead sends one HTTP/1.1 GET and prints the
 * response (like {@code curl -i}).
 */
@Command(name = "client", mixinStandardHelpOptions = true,
        description = {"Connect to a TLS 1.2 server, send standard input, print what comes back;",
            "or, given https://HOST[:PORT]/PATH, send GET PATH (HTTP/1.1) and print the response.",
            "Status lines and the ladder (--ladder) go to standard error; the server's data to standard output."})
final class ClientCommand implements Callable<Integer> {
    /** --crl-fetch reads at most this much of one CRL (a large public CA's CRL is a few hundred KiB). */
    private static final int MAX_FETCHED_CRL = 1 << 20;

    @Parameters(index = "0", paramLabel = "HOST:PORT|URL",
            description = "The server: HOST:PORT or [IPv6]:PORT (raw: standard input is sent), or https://HOST[:PORT]/PATH (port 443 by default).")
    String target;

    @Option(names = "--trust", paramLabel = "FILE",
            description = {"PEM bundle of the certificates to trust (trust anchors): CAs, or a server's own"
                + " self-signed certificate, which is then trusted directly for the names it carries.",
                "Default: the JDK's cacerts. The server's chain is validated per RFC 5280 and the Web PKI "
                    + "baseline (path to an anchor, signatures, validity, constraints, key usages) and must "
                    + "name the host (RFC 9525)."})
    Path trust;

    @Option(names = "--crl", paramLabel = "FILE",
            description = {"PEM or DER CRLs to check the server's chain against (RFC 5280 §6.3): a revoked certificate "
                + "fails the handshake with certificate_revoked. Nothing is fetched from the network unless --crl-fetch."})
    Path crl;

    @Option(names = "--crl-fetch",
            description = {"Also fetch the CRLs of the server's chain from its certificates' cRLDistributionPoints "
                + "(RFC 5280 §4.2.1.13): plain http only, no redirects, --timeout for connecting and for reading, "
                + "at most 1 MiB each. A CRL that cannot be had leaves the status unknown (accepted)."})
    boolean crlFetch;

    @Option(names = "--suite", paramLabel = "NAME", description = "Offer only these cipher suites (IANA names; repeatable).")
    List<String> suites;

    @Option(names = "--group", paramLabel = "NAME", description = "Offer only these groups (x25519, secp256r1, ...; repeatable).")
    List<String> groups;

    @Option(names = "--alpn", paramLabel = "PROTOCOL", description = "Offer this application protocol (repeatable, in order).")
    List<String> alpn;

    @Option(names = "--sni", paramLabel = "NAME",
            description = "The server name sent (SNI) and checked in the certificate. Default: HOST.")
    String sni;

    @Option(names = "--keylog", paramLabel = "FILE", description = "Append the session secrets to FILE (NSS key log format, for Wireshark).")
    Path keyLog;

    @Option(names = "--cert", paramLabel = "FILE", description = "PEM certificate chain for client authentication (leaf first).")
    Path cert;

    @Option(names = "--key", paramLabel = "FILE", description = "PEM PKCS#8 private key of --cert.")
    Path key;

    @Option(names = "--ladder", description = "Print the handshake as a ladder on standard error.")
    boolean ladder;

    @Option(names = "--no-encrypt-then-mac",
            description = "Do not offer encrypt_then_mac (RFC 7366): CBC suites use MAC-then-encrypt records.")
    boolean noEncryptThenMac;

    @Option(names = {"--timeout", "--handshake-timeout"}, paramLabel = "TIME", defaultValue = "10s",
            converter = DurationOption.class,
            description = "Give up if the connection and handshake are not done by then, or an https:// response is quiet that long (default: ${DEFAULT-VALUE}; 500ms, 10s, 2m).")
    Duration timeout;

    @Option(names = "--wait", paramLabel = "MS", defaultValue = "1000",
            description = "How long the server may be quiet before more input is sent or the client closes (default: ${DEFAULT-VALUE}).")
    int waitMs;

    @Option(names = "--provider", paramLabel = "NAME",
            description = {"Do the same through the JSSE API of this provider: jtls (the jtls JSSE provider) or SunJSSE "
                + "(the JDK's), to compare stacks. Default: jtls's own sockets (needed for --ladder, --group, --keylog)."})
    String provider;

    InputStream in = System.in;
    PrintStream out = System.out;
    PrintStream err = System.err;

    @Override
    public Integer call() {
        CertifiedKey own = null;
        HandshakeWatch watch = null;
        try {
            Target to = Target.parse(target);
            String serverName = sni != null ? sni : to.host();
            JsseStack stack = JsseStack.named(provider);
            JsseStack.rejectDirectOnly(stack, groups, keyLog, ladder, noEncryptThenMac);
            Settings.readableFile("--trust", trust);
            Settings.writableFile("--keylog", keyLog);
            Settings.checkNames(suites, groups);
            own = Settings.certifiedKey(cert, key);
            List<String> protocols = alpn != null ? alpn : to.isHttps() ? List.of("http/1.1") : null;
            if (stack != null) {
                viaProvider(stack, own, to, serverName, protocols);
            } else {
                watch = new HandshakeWatch(ladder ? new Ladder(err) : TlsTrace.NONE);
                direct(own, to, serverName, protocols, watch);
            }
            return 0;
        } catch (Exception e) {
            err.println("jtls client: " + DemoCommand.describe(e) + certificateHint(own, watch));
            return 1;
        }
    }

    /** A server that asked for a certificate (CertificateRequest) and then refused the handshake: say what to pass. */
    private static String certificateHint(CertifiedKey own, HandshakeWatch watch) {
        if (own != null || watch == null || !watch.certificateRequested()) {
            return "";
        }
        return "; the server asked for a client certificate (CertificateRequest) and none was given:"
                + " pass one with --cert FILE --key FILE";
    }

    /** Through the JSSE API of {@code stack}: its SSLContext and socket factory, key and trust managers. */
    private void viaProvider(JsseStack stack, CertifiedKey own, Target to, String serverName, List<String> protocols)
            throws Exception {
        if (crl != null || crlFetch) {
            throw new IllegalArgumentException("--crl and --crl-fetch work with jtls's own sockets (no --provider)");
        }
        SSLContext ctx = stack.context(own, trust != null ? Pem.certificates(trust) : null);
        Socket socket = connect(to);
        try (SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(socket, serverName, to.port(), true)) {
            SSLParameters p = tls.getSSLParameters();
            JsseStack.restrict(p, suites);
            p.setEndpointIdentificationAlgorithm("HTTPS"); // RFC 9525: the certificate must name the host
            if (sni != null) {
                p.setServerNames(List.of(new SNIHostName(sni)));
            }
            if (protocols != null) {
                p.setApplicationProtocols(protocols.toArray(new String[0]));
            }
            tls.setSSLParameters(p);
            handshakeWithin(socket, tls::startHandshake);
            err.println("jtls client: connected to " + to.hostForUrl() + ":" + to.port() + ", "
                    + stack.describe(tls.getSession(), tls.getApplicationProtocol()));
            exchange(to, socket, tls.getInputStream(), tls.getOutputStream());
        }
    }

    /** jtls's own TlsSocket over a TlsConnection, with the ladder, groups and key log. */
    private void direct(CertifiedKey own, Target to, String serverName, List<String> protocols, HandshakeWatch watch)
            throws Exception {
        TrustAnchors anchors = trust != null ? TrustAnchors.fromPem(trust) : TrustAnchors.jdkDefault();
        // A certificate in --trust that the server presents as its leaf is trusted directly (its own names).
        PkixTrustVerifier pkix = PkixTrustVerifier.webPki(anchors);
        if (crl != null || crlFetch) {
            CrlChecking crls = CrlChecking.of(crl != null ? CrlSet.fromFile(crl) : CrlSet.empty());
            if (crlFetch) {
                crls = crls.withFetcher(new HttpCrlFetcher(timeout, MAX_FETCHED_CRL));
            }
            pkix = new PkixTrustVerifier(pkix.validator().withRevocation(crls),
                    pkix.serverPolicy(), pkix.clientPolicy(), HostnameVerifier.strict());
        }
        ReportingTrust verifier = new ReportingTrust(pkix, anchors.certificates());
        TlsConfig.Builder b = TlsConfig.builder().trust(verifier).encryptThenMac(!noEncryptThenMac);
        Settings.common(b, suites, groups, keyLog);
        if (protocols != null) {
            b.alpnProtocols(protocols);
        }
        if (own != null) {
            b.certifiedKey(own);
        }
        TlsConfig config = b.build();
        verifier.reportTo(ladder ? (Ladder) watch.next() : null);
        TlsConnection conn = TlsConnection.client(config, watch, serverName, to.port());
        Socket socket = connect(to);
        try (TlsSocket tls = new TlsSocket(socket, conn)) {
            handshakeWithin(socket, tls::handshake);
            Negotiated n = DemoCommand.negotiated(conn);
            err.println("jtls client: connected to " + to.hostForUrl() + ":" + to.port()
                    + ", jtls's own TlsSocket (no --provider), TLSv1.2, "
                    + n.suite().standardName() + Settings.recordConstruction(n) + (n.alpn() != null ? ", ALPN " + n.alpn() : "")
                    + (n.resumed() ? ", resumed" : ""));
            exchange(to, socket, tls.getInputStream(), tls.getOutputStream());
        }
    }

    /** A handshake step that may block on reads. */
    private interface Step {
        void run() throws IOException;
    }

    /** Runs the handshake under --timeout as a whole (a read timeout alone would let a slow server go on for ever). */
    private void handshakeWithin(Socket socket, Step handshake) throws IOException {
        java.util.concurrent.ScheduledThreadPoolExecutor timer = Deadline.timer("jtls-client-deadline");
        Deadline deadline = Deadline.start(timer, socket, timeout);
        try {
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            handshake.run();
        } catch (IOException e) {
            if (deadline.expired() || e instanceof SocketTimeoutException) {
                throw new IOException("no handshake with the server within " + DurationOption.show(timeout)
                        + " (--timeout): is it a TLS server?", e);
            }
            throw e;
        } finally {
            deadline.cancel();
            timer.shutdownNow();
        }
    }

    /** Raw: standard input to the server, answers to standard output. https://: one GET, the response. */
    private void exchange(Target to, Socket socket, InputStream fromServer, OutputStream toServer) throws IOException {
        if (!to.isHttps()) {
            socket.setSoTimeout(Math.max(1, waitMs));
            pump(fromServer, toServer);
            return;
        }
        // RFC 9112 §3.2: Host; §9.6: Connection: close, so the end of the response is the end of the connection.
        String request = "GET " + to.path() + " HTTP/1.1\r\nHost: " + to.hostHeader() + "\r\nUser-Agent: jtls-client\r\n"
                + "Accept: */*\r\nConnection: close\r\n\r\n";
        toServer.write(request.getBytes(StandardCharsets.ISO_8859_1));
        toServer.flush();
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        byte[] buf = new byte[16 * 1024];
        try {
            for (int n; (n = fromServer.read(buf)) >= 0; ) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (SocketTimeoutException e) {
            throw new IOException("the response stopped: nothing from the server for " + DurationOption.show(timeout)
                    + " (--timeout)", e);
        }
    }

    private Socket connect(Target to) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(to.host(), to.port()), (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            socket.setTcpNoDelay(true);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw new IOException("cannot connect to " + to.hostForUrl() + ":" + to.port() + ": "
                    + (e instanceof java.net.UnknownHostException ? "unknown host" : DemoCommand.describe(e)), e);
        }
    }

    /** Input to the server chunk by chunk, the answers to standard output, until either side ends. */
    private void pump(InputStream fromServer, OutputStream toServer) throws IOException {
        byte[] buf = new byte[16 * 1024];
        while (true) {
            if (!printAnswers(fromServer, buf)) {
                return; // the server closed (close_notify)
            }
            int n = in.read(buf);
            if (n < 0) {
                printAnswers(fromServer, buf);
                return;
            }
            toServer.write(buf, 0, n);
        }
    }

    /** Prints what the server sends until it is quiet for --wait ms; false once it has closed. */
    private boolean printAnswers(InputStream fromServer, byte[] buf) throws IOException {
        while (true) {
            int n;
            try {
                n = fromServer.read(buf);
            } catch (SocketTimeoutException quiet) {
                return true;
            }
            if (n < 0) {
                return false;
            }
            out.write(buf, 0, n);
            out.flush();
        }
    }
}
