package dev.jtls.bench;

import dev.jtls.config.TlsConfig;
import dev.jtls.connection.TlsConnection;
import dev.jtls.connection.TlsSocket;
import dev.jtls.crypto.NamedGroup;
import dev.jtls.handshake.HandshakeEvent;
import dev.jtls.handshake.Negotiated;
import dev.jtls.handshake.SessionEstablished;
import dev.jtls.pki.PinnedTrustVerifier;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The in-process client side of {@link LoopbackBench}: jtls ({@link TlsSocket} over a plain socket,
 * the code path of {@code jtls client}) or SunJSSE ({@link SSLSocket}), both TLS 1.2 with
 * {@link LoopbackServer#SUITE} only, secp256r1, the schemes of {@link Stack#SCHEMES}, no tickets,
 * trusting the {@link Pki} RSA CA and checking the host name {@link Pki#HOST}. Every handshake is
 * checked: the intended suite, full ones on secp256r1 (jtls; SunJSSE does not say which group,
 * its server is held to secp256r1) and not resumed, resumed ones with the session id of the
 * {@link #prime() primed} session. A failed check throws.
 */
abstract class LoopbackClient {
    final int port;
    final boolean resume;
    /** The session id a resuming client must get back; null until {@link #prime()}. */
    byte[] primed;
    /** The session id of the previous handshake (a full handshake must not get it again). */
    byte[] last;

    private LoopbackClient(int port, boolean resume) {
        this.port = port;
        this.resume = resume;
    }

    static LoopbackClient of(String impl, int port, boolean resume) {
        return switch (impl) {
            case "jtls" -> new Jtls(port, resume);
            case "sunjsse" -> new Sun(port, resume);
            default -> throw new IllegalArgumentException("client is jtls or sunjsse, not " + impl);
        };
    }

    /** An established, checked connection. */
    record Connection(InputStream in, OutputStream out, Closeable closer) {
    }

    abstract Connection connect() throws IOException;

    /** For a resuming client: one full handshake whose session the following handshakes must resume. */
    final void prime() throws IOException {
        if (resume) {
            primed = null;
            connect().closer().close();
            check(primed != null, "no session to resume after the first handshake");
        }
    }

    /** One handshake, checked, then close_notify and close. */
    final void handshake() throws IOException {
        connect().closer().close();
    }

    /**
     * One connection that sends {@code GET path} and reads the reply to its end (the server's
     * close_notify); checks the reply starts with {@link LoopbackServer#HEADER}.
     *
     * @param afterHandshake runs once the handshake is done, before the request (starts the clock)
     * @return the bytes after the header
     */
    final long get(String path, Runnable afterHandshake) throws IOException {
        Connection c = connect();
        try (Closeable closer = c.closer()) {
            afterHandshake.run();
            c.out().write(("GET " + path + " HTTP/1.0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            c.out().flush();
            byte[] header = LoopbackServer.HEADER.getBytes(StandardCharsets.US_ASCII);
            byte[] buf = new byte[LoopbackServer.WRITE];
            long total = 0;
            int r;
            byte[] head = new byte[header.length];
            while ((r = c.in().read(buf)) >= 0) {
                if (total < header.length) {
                    int n = (int) Math.min(r, header.length - total);
                    System.arraycopy(buf, 0, head, (int) total, n);
                }
                total += r;
            }
            check(total >= header.length && Arrays.equals(head, header),
                    "reply to GET " + path + " does not start with the expected header");
            return total - header.length;
        }
    }

    /** One connection that sends {@code GET path} and returns the text of the reply after {@link LoopbackServer#HEADER}. */
    final String text(String path) throws IOException {
        Connection c = connect();
        try (Closeable closer = c.closer()) {
            c.out().write(("GET " + path + " HTTP/1.0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            c.out().flush();
            String reply = new String(c.in().readAllBytes(), StandardCharsets.US_ASCII);
            check(reply.startsWith(LoopbackServer.HEADER), "reply to GET " + path + " does not start with the expected header");
            return reply.substring(LoopbackServer.HEADER.length());
        }
    }

    /** Checks a handshake's outcome: full or resumed as this client wants, with the primed session if resumed. */
    final void checkSession(boolean resumed, byte[] id) {
        if (!resume || primed == null) {
            check(!resumed && (id.length == 0 || !Arrays.equals(id, last)), "expected a full handshake, the session was resumed");
            last = id;
            if (resume) {
                primed = id;
            }
        } else {
            check(resumed && Arrays.equals(id, primed), "expected the session " + HexFormat.of().formatHex(primed)
                    + " to be resumed, got " + (resumed ? "" : "a full handshake with ") + HexFormat.of().formatHex(id));
        }
    }

    static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(what);
        }
    }

    static Socket plain(int port) throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
        s.setSoTimeout(60_000);
        return s;
    }

    private static final class Jtls extends LoopbackClient {
        private final TlsConfig config;

        Jtls(int port, boolean resume) {
            super(port, resume);
            config = TlsConfig.builder()
                    .cipherSuites(List.of(LoopbackServer.SUITE)).groups(List.of(NamedGroup.SECP256R1))
                    .signatureSchemes(Stack.SCHEMES)
                    .trust(new PinnedTrustVerifier(List.of(Pki.RSA_CA.certificate()), Clock.systemUTC()))
                    .sessionIdResumption(resume).sessionTickets(false)
                    .build();
        }

        @Override
        Connection connect() throws IOException {
            Socket s = plain(port);
            TlsSocket t = new TlsSocket(s, TlsConnection.client(config, Pki.HOST, port));
            try {
                t.handshake();
                Negotiated n = null;
                byte[] id = null;
                for (HandshakeEvent e : t.connection().events()) {
                    if (e instanceof Negotiated x) {
                        n = x;
                    } else if (e instanceof SessionEstablished x) {
                        id = x.session().id();
                    }
                }
                check(n != null && id != null, "handshake reported no negotiated parameters");
                check(n.suite() == LoopbackServer.SUITE, "negotiated " + n.suite() + ", expected " + LoopbackServer.SUITE);
                check(n.extendedMasterSecret(), "no extended master secret");
                check(n.resumed() || n.group() == NamedGroup.SECP256R1, "negotiated group " + n.group() + ", expected secp256r1");
                checkSession(n.resumed(), id);
                return new Connection(t.getInputStream(), t.getOutputStream(), t);
            } catch (IOException | RuntimeException e) {
                s.close();
                throw e;
            }
        }
    }

    /** SunJSSE; its groups are the JVM's jdk.tls.namedGroups (LoopbackBench sets secp256r1). */
    private static final class Sun extends LoopbackClient {
        private final SSLSocketFactory factory;

        Sun(int port, boolean resume) {
            super(port, resume);
            factory = new Jsse.Contexts(Jsse.Kind.SUNJSSE).client.getSocketFactory();
        }

        @Override
        Connection connect() throws IOException {
            Socket s = plain(port);
            try {
                // Created for Pki.HOST:port: SunJSSE caches and offers sessions per host and port.
                SSLSocket ssl = (SSLSocket) factory.createSocket(s, Pki.HOST, port, true);
                SSLParameters p = ssl.getSSLParameters();
                p.setProtocols(new String[] {"TLSv1.2"});
                p.setCipherSuites(new String[] {LoopbackServer.SUITE.standardName()});
                p.setServerNames(List.of(new SNIHostName(Pki.HOST)));
                p.setEndpointIdentificationAlgorithm("HTTPS");
                ssl.setSSLParameters(p);
                ssl.startHandshake();
                SSLSession session = ssl.getSession();
                check(session.getCipherSuite().equals(LoopbackServer.SUITE.standardName()),
                        "negotiated " + session.getCipherSuite() + ", expected " + LoopbackServer.SUITE.standardName());
                check(session.getProtocol().equals("TLSv1.2"), "negotiated " + session.getProtocol());
                // SunJSSE does not say whether it resumed: a full handshake gets a new session id.
                byte[] id = session.getId();
                boolean resumed = Arrays.equals(id, resume && primed != null ? primed : last);
                checkSession(resumed, id);
                if (!resume) {
                    session.invalidate(); // so that the next handshake is a full one
                }
                return new Connection(ssl.getInputStream(), ssl.getOutputStream(), ssl);
            } catch (IOException | RuntimeException e) {
                s.close();
                throw e;
            }
        }
    }
}
