package dev.jtls.interop;

import dev.jtls.config.TlsConfig;
import dev.jtls.connection.TlsConnection;
import dev.jtls.connection.TlsSocket;
import dev.jtls.crypto.NamedGroup;
import dev.jtls.suite.CipherSuite;
import dev.jtls.handshake.HandshakeEvent;
import dev.jtls.handshake.KeyLog;
import dev.jtls.handshake.Negotiated;
import dev.jtls.handshake.PeerCertificates;
import dev.jtls.pki.PinnedTrustVerifier;
import dev.jtls.record.TlsAlertException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** jtls as a client over a real loopback socket, and what it saw. */
final class JtlsClient {
    private JtlsClient() {
    }

    /** What happens on a connection once the handshake is done. */
    @FunctionalInterface
    interface Body {
        void run(TlsSocket tls) throws IOException;
    }

    /** jtls's view of one connection. */
    record Run(Negotiated negotiated, List<X509Certificate> peerChain, TlsAlertException failure, IOException error) {
        boolean ok() {
            return failure == null && error == null;
        }

        Run assertOk() {
            if (!ok()) {
                throw new AssertionError("jtls client failed: " + (failure != null ? failure.description().rfcName()
                        + ": " + failure.getMessage() : String.valueOf(error)), failure != null ? failure : error);
            }
            return this;
        }
    }

    /** An in-memory NSS key log: the CLIENT_RANDOM lines of every full handshake of a config. */
    static final class MemoryKeyLog implements KeyLog {
        final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public void logMasterSecret(byte[] clientRandom, byte[] masterSecret) {
            lines.add(KeyLog.clientRandomLine(clientRandom, masterSecret));
        }

        /** The master secret (hex) of the last line. */
        String lastMasterSecret() {
            if (lines.isEmpty()) {
                throw new AssertionError("the jtls key log has no line");
            }
            String last = lines.get(lines.size() - 1);
            return last.substring(last.lastIndexOf(' ') + 1);
        }
    }

    /** A client config offering exactly one suite (and one group when given), trusting the test root. */
    static TlsConfig.Builder config(CipherSuite suite, NamedGroup group) {
        TlsConfig.Builder b = TlsConfig.builder()
                .cipherSuites(List.of(suite))
                .trust(new PinnedTrustVerifier(List.of(TestPki.get().root), Clock.systemUTC()));
        if (group != null) {
            b.groups(offeredGroups(suite, group));
        }
        return b;
    }

    /**
     * The groups a client offers for a row: the row's group, plus secp256r1 for an ECDHE_ECDSA suite
     * when the row's group is another one, because the test certificates are P-256 and a server
     * (OpenSSL and jtls alike) will not use an ECDSA certificate on a curve missing from the client's
     * supported_groups (RFC 8422 §5.1). The server side is restricted to the row's group alone, so
     * the ECDHE group is still the row's.
     */
    static List<NamedGroup> offeredGroups(CipherSuite suite, NamedGroup group) {
        if (suite.authentication() == CipherSuite.Authentication.ECDSA && group != NamedGroup.SECP256R1) {
            return List.of(group, NamedGroup.SECP256R1);
        }
        return List.of(group);
    }

    /** Connects to 127.0.0.1:{@code port} as {@code host} (SNI and certificate name), runs {@code body}, closes. */
    static Run connect(TlsConfig config, String host, int port, Body body) {
        StringBuilder ladder = new StringBuilder();
        TlsConnection conn = TlsConnection.client(config, new dev.jtls.connection.TlsTrace() {
            @Override
            public void handshake(Direction d, byte[] m) {
                ladder.append(d == Direction.SENT ? " >" : " <").append(m[0] & 0xff);
            }

            @Override
            public void changeCipherSpec(Direction d) {
                ladder.append(d == Direction.SENT ? " >CCS" : " <CCS");
            }

            @Override
            public void alert(Direction d, dev.jtls.record.Alert a) {
                ladder.append(d == Direction.SENT ? " >alert " : " <alert ").append(a.description().rfcName());
            }
        }, host, port);
        IOException error = null;
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(60_000);
            try (TlsSocket tls = new TlsSocket(socket, conn)) {
                tls.handshake();
                body.run(tls);
            }
        } catch (IOException e) {
            error = new IOException(e.getMessage() + " [ladder:" + ladder + "]", e);
        }
        Negotiated negotiated = null;
        List<X509Certificate> chain = Collections.emptyList();
        for (HandshakeEvent e : conn.events()) {
            if (e instanceof Negotiated) {
                negotiated = (Negotiated) e;
            } else if (e instanceof PeerCertificates) {
                chain = ((PeerCertificates) e).chain();
            }
        }
        return new Run(negotiated, chain, conn.failure(), conn.failure() != null ? null : error);
    }

    /** The body for an {@code s_server -www} peer: GET / and read the status page to the server's close_notify. */
    static Body httpGet(StringBuilder page) {
        return tls -> {
            tls.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            // read() returns -1 only after the server's close_notify; a truncation throws.
            page.append(new String(tls.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1));
        };
    }
}
