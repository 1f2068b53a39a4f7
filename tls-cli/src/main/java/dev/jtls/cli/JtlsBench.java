package dev.jtls.cli;

import dev.jtls.config.TlsConfig;
import dev.jtls.connection.TlsConnection;
import dev.jtls.handshake.Negotiated;
import dev.jtls.pki.PkixTrustVerifier;
import dev.jtls.pki.TrustAnchors;
import dev.jtls.record.TlsAlertException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * {@code jtls bench}'s jtls side: pairs of sans-IO {@link TlsConnection}s (client and server)
 * pumped in memory on one thread. The client validates the server's chain and name as it would
 * on the network. Every operation is checked: handshake complete on both sides, the intended
 * suite and group, resumed exactly when it should be, every byte delivered.
 */
final class JtlsBench implements BenchCase.Stack {
    /** The host name the client connects to and the certificates name. */
    static final String HOST = "localhost";
    static final int PORT = 443;

    private final DemoCertificates ecdsa;
    private final DemoCertificates rsa;
    private final MemoryPump pump = new MemoryPump();

    JtlsBench(DemoCertificates ecdsa, DemoCertificates rsa) {
        this.ecdsa = ecdsa;
        this.rsa = rsa;
    }

    @Override
    public String name() {
        return "jtls";
    }

    @Override
    public BenchCase.Op prepare(BenchCase row) throws Exception {
        DemoCertificates pki = row.rsaKey() ? rsa : ecdsa;
        TlsConfig server = restrict(TlsConfig.builder().certifiedKey(pki.server), row).build();
        boolean resume = row.kind() == BenchCase.Kind.RESUMED_HANDSHAKE;
        // No tickets: the resumed row is resumption by session id; the full rows do not resume at all.
        TlsConfig client = restrict(TlsConfig.builder(), row)
                .trust(PkixTrustVerifier.webPki(TrustAnchors.of(List.of(pki.ca))))
                .sessionTickets(false).sessionIdResumption(resume).build();
        switch (row.kind()) {
            case FULL_HANDSHAKE:
                return () -> handshake(client, server, row, false);
            case RESUMED_HANDSHAKE:
                handshake(client, server, row, false); // the session to resume
                return () -> handshake(client, server, row, true);
            case BULK:
                return bulk(client, server, row);
            default:
                throw new AssertionError(row.kind());
        }
    }

    private static TlsConfig.Builder restrict(TlsConfig.Builder b, BenchCase row) {
        b.cipherSuites(List.of(row.suite()));
        if (row.group() != null) {
            b.groups(List.of(row.group()));
        }
        return b;
    }

    private long handshake(TlsConfig client, TlsConfig server, BenchCase row, boolean resumed) throws Exception {
        connect(client, server, row, resumed);
        return 1;
    }

    private TlsConnection[] connect(TlsConfig client, TlsConfig server, BenchCase row, boolean resumed) throws Exception {
        TlsConnection c = TlsConnection.client(client, HOST, PORT);
        TlsConnection s = TlsConnection.server(server);
        try {
            pump.run(MemoryPump.of(c), MemoryPump.of(s));
        } catch (TlsAlertException e) {
            throw new IllegalStateException("jtls handshake did not complete: " + e.getMessage(), e);
        }
        if (!c.isHandshakeComplete() || !s.isHandshakeComplete()) {
            TlsConnection failed = c.failure() != null ? c : s;
            throw new IllegalStateException("jtls handshake did not complete: "
                    + (failed.failure() != null ? failed.failure().getMessage() : c.status() + "/" + s.status()));
        }
        Negotiated n = DemoCommand.negotiated(c);
        if (n.suite() != row.suite() || n.resumed() != resumed || !resumed && n.group() != row.group()) {
            throw new IllegalStateException("jtls negotiated " + n.suite() + ", group " + n.group()
                    + (n.resumed() ? ", resumed" : ", full") + "; the row wants " + row.suite() + ", group " + row.group()
                    + (resumed ? ", resumed" : ", full"));
        }
        return new TlsConnection[] {c, s};
    }

    /**
     * One connection; each operation sends one full record from client to server on the
     * SSLEngine-shaped path: sealed straight into a network buffer, opened straight into the
     * application's.
     */
    private BenchCase.Op bulk(TlsConfig client, TlsConfig server, BenchCase row) throws Exception {
        TlsConnection[] pair = connect(client, server, row, false);
        TlsConnection c = pair[0];
        TlsConnection s = pair[1];
        ByteBuffer record = ByteBuffer.allocate(BenchCase.RECORD);
        ByteBuffer net = ByteBuffer.allocate(c.maxRecordSize(BenchCase.RECORD));
        ByteBuffer app = ByteBuffer.allocate(BenchCase.RECORD);
        return () -> {
            record.clear();
            net.clear();
            c.write(record, net);
            net.flip();
            app.clear();
            s.receive(net, app);
            if (app.position() != BenchCase.RECORD || net.hasRemaining()) {
                throw new IllegalStateException("jtls delivered " + app.position() + " bytes of a " + BenchCase.RECORD + "-byte record");
            }
            return app.position();
        };
    }
}
