package dev.jtls.bench;

import dev.jtls.config.TlsConfig;
import dev.jtls.connection.TlsConnection;
import dev.jtls.connection.TlsSocket;
import dev.jtls.crypto.NamedGroup;
import dev.jtls.suite.CipherSuite;
import dev.jtls.handshake.HandshakeEvent;
import dev.jtls.handshake.Negotiated;
import dev.jtls.pki.CertifiedKey;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * The server side of {@link LoopbackBench} for jtls and SunJSSE, run in a JVM of its own so that its
 * CPU time is its process's (JIT and GC included), read from outside like openssl s_server's:
 * {@code java -cp benchmarks.jar dev.jtls.bench.LoopbackServer jtls|sunjsse PORT CERT.pem KEY.pem}.
 *
 * <p>Like {@code openssl s_server}, it serves one connection after another on one thread:
 * TLS 1.2, {@link #SUITE} only, secp256r1 only, the signature schemes of {@link Stack#SCHEMES}, no
 * session tickets (session-id resumption only). After the handshake it reads at most one request:
 * <ul>
 *   <li>none (the client closes, as {@code s_time} without {@code -www} does): a handshake-only connection;
 *   <li>{@code GET /bulk/N}: {@link #HEADER} (the reply header of {@code s_server -WWW} for a file)
 *       and N bytes in 16 KiB writes, then close_notify;
 *   <li>{@code GET /stats}: one line of counts since the previous {@code /stats} (this
 *       connection left out), after which they start again from zero.
 * </ul>
 * Prints {@code listening PORT} once it accepts; exits when its standard input ends (its parent gone). Each handshake is checked here too: a suite or
 * group other than the intended ones counts as {@code wrong}, a failed handshake as {@code failed}.
 */
public final class LoopbackServer {
    static final CipherSuite SUITE = CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256;
    static final String HEADER = "HTTP/1.0 200 ok\r\nContent-type: text/plain\r\n\r\n";
    static final int WRITE = 16 * 1024;
    private static final int MAX_REQUEST = 1024;
    private static final int MAX_REMEMBERED_IDS = 1 << 20;

    private final Acceptor acceptor;
    private final byte[] chunk = pattern();
    private long full;
    private long resumed;
    private long wrong;
    private long failed;
    private long bulkBytes;

    /** An established connection: its streams, whether it was resumed, whether it had the intended parameters. */
    private record Accepted(InputStream in, OutputStream out, boolean resumed, boolean intended, Closeable closer) {
    }

    /** Accepts one connection and runs its handshake. */
    private interface Acceptor {
        Accepted accept() throws IOException;

        int port();
    }

    private LoopbackServer(Acceptor acceptor) {
        this.acceptor = acceptor;
    }

    /** The bytes a bulk reply repeats (16 KiB of a fixed, not all-zero, pattern). */
    static byte[] pattern() {
        byte[] b = new byte[WRITE];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i * 31 + (i >>> 8));
        }
        return b;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: LoopbackServer jtls|sunjsse PORT CERT.pem KEY.pem");
            System.exit(2);
        }
        int port = Integer.parseInt(args[1]);
        X509Certificate cert = LoopbackFiles.certificate(Path.of(args[2]));
        PrivateKey key = LoopbackFiles.rsaKey(Path.of(args[3]));
        Acceptor acceptor = switch (args[0]) {
            case "jtls" -> jtls(port, cert, key);
            case "sunjsse" -> sunJsse(port, cert, key);
            default -> throw new IllegalArgumentException("server is jtls or sunjsse, not " + args[0]);
        };
        // Ends with its parent: LoopbackBench holds this JVM's standard input open until it stops it.
        Thread parent = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // nothing is sent; only the end matters
                }
            } catch (IOException e) {
                // gone all the same
            }
            System.exit(0);
        }, "parent-watch");
        parent.setDaemon(true);
        parent.start();
        System.out.println("listening " + acceptor.port());
        System.out.flush();
        new LoopbackServer(acceptor).serve();
    }

    private static Acceptor jtls(int port, X509Certificate cert, PrivateKey key) throws IOException {
        TlsConfig config = TlsConfig.builder()
                .cipherSuites(List.of(SUITE)).groups(List.of(NamedGroup.SECP256R1)).signatureSchemes(Stack.SCHEMES)
                .certifiedKey(new CertifiedKey(List.of(cert), key))
                .sessionTickets(false)
                .build();
        ServerSocket listener = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        return new Acceptor() {
            @Override
            public Accepted accept() throws IOException {
                Socket s = listener.accept();
                s.setTcpNoDelay(true);
                s.setSoTimeout(30_000);
                TlsSocket t = new TlsSocket(s, TlsConnection.server(config));
                try {
                    t.handshake();
                } catch (IOException e) {
                    s.close();
                    return null;
                }
                Negotiated n = null;
                for (HandshakeEvent e : t.connection().events()) {
                    if (e instanceof Negotiated x) {
                        n = x;
                    }
                }
                boolean intended = n != null && n.suite() == SUITE && n.extendedMasterSecret()
                        && (n.resumed() || n.group() == NamedGroup.SECP256R1);
                return new Accepted(t.getInputStream(), t.getOutputStream(), n != null && n.resumed(), intended, t);
            }

            @Override
            public int port() {
                return listener.getLocalPort();
            }
        };
    }

    /** SunJSSE: groups come from -Djdk.tls.namedGroups=secp256r1, tickets and schemes from {@link Jsse}'s defaults. */
    private static Acceptor sunJsse(int port, X509Certificate cert, PrivateKey key) throws Exception {
        Jsse.init();
        char[] pw = "bench".toCharArray();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("rsa", key, pw, new X509Certificate[] {cert});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pw);
        SSLContext ctx = SSLContext.getInstance("TLSv1.2");
        ctx.init(kmf.getKeyManagers(), null, new SecureRandom());
        SSLServerSocket listener = (SSLServerSocket) ctx.getServerSocketFactory()
                .createServerSocket(port, 50, InetAddress.getLoopbackAddress());
        SSLParameters p = listener.getSSLParameters();
        p.setProtocols(new String[] {"TLSv1.2"});
        p.setCipherSuites(new String[] {SUITE.standardName()});
        listener.setSSLParameters(p);
        Set<String> seen = new HashSet<>();
        return new Acceptor() {
            @Override
            public Accepted accept() throws IOException {
                SSLSocket s = (SSLSocket) listener.accept();
                s.setTcpNoDelay(true);
                s.setSoTimeout(30_000);
                try {
                    s.startHandshake();
                } catch (IOException e) {
                    s.close();
                    return null;
                }
                SSLSession session = s.getSession();
                // SunJSSE does not say whether it resumed; a session id seen before means it did.
                if (seen.size() > MAX_REMEMBERED_IDS) {
                    seen.clear();
                }
                boolean again = !seen.add(HexFormat.of().formatHex(session.getId()));
                boolean intended = session.getCipherSuite().equals(SUITE.standardName())
                        && session.getProtocol().equals("TLSv1.2");
                return new Accepted(s.getInputStream(), s.getOutputStream(), again, intended, s);
            }

            @Override
            public int port() {
                return listener.getLocalPort();
            }
        };
    }

    private void serve() {
        while (true) {
            Accepted a;
            try {
                a = acceptor.accept();
            } catch (IOException e) {
                failed++;
                continue;
            }
            if (a == null) {
                failed++;
                continue;
            }
            count(a, 1);
            try (Closeable closer = a.closer()) {
                String request = request(a.in());
                if (request == null) {
                    continue; // a handshake-only connection
                }
                if (request.startsWith("GET /stats ")) {
                    count(a, -1);
                    a.out().write((HEADER + String.format("full=%d resumed=%d wrong=%d failed=%d bytes=%d%n",
                            full, resumed, wrong, failed, bulkBytes)).getBytes(StandardCharsets.US_ASCII));
                    full = 0;
                    resumed = 0;
                    wrong = 0;
                    failed = 0;
                    bulkBytes = 0;
                } else if (request.startsWith("GET /bulk/")) {
                    long n = Long.parseLong(request.substring("GET /bulk/".length(), request.indexOf(' ', 4)));
                    OutputStream out = a.out();
                    out.write(HEADER.getBytes(StandardCharsets.US_ASCII));
                    for (long left = n; left > 0; left -= WRITE) {
                        out.write(chunk, 0, (int) Math.min(WRITE, left));
                    }
                    out.flush();
                    bulkBytes += n;
                }
            } catch (IOException | RuntimeException e) {
                // The client went away mid-reply, or sent no request (s_time closes without close_notify).
            }
        }
    }

    private void count(Accepted a, int delta) {
        if (a.resumed()) {
            resumed += delta;
        } else {
            full += delta;
        }
        if (!a.intended()) {
            wrong += delta;
        }
    }

    /** The request line, or null if the client closed (or broke off) without one. */
    private static String request(InputStream in) {
        byte[] buf = new byte[MAX_REQUEST];
        int len = 0;
        try {
            while (len < buf.length) {
                int r = in.read(buf, len, buf.length - len);
                if (r < 0) {
                    return null;
                }
                len += r;
                String text = new String(buf, 0, len, StandardCharsets.US_ASCII);
                if (text.contains("\r\n\r\n")) {
                    return text.substring(0, text.indexOf("\r\n"));
                }
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }
}
