package dev.jtls.cli;

import dev.jtls.message.NamedGroupId;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * {@code jtls bench}'s JSSE side (SunJSSE): pairs of {@link SSLEngine}s pumped in memory on one
 * thread, configured like the jtls pairs (one suite, TLS 1.2, the client checks the chain and the
 * host name), and checked the same way.
 */
final class JsseBench implements BenchCase.Stack {
    private static final Method SET_NAMED_GROUPS = namedGroupsSetter();

    private final JsseStack stack;
    private final DemoCertificates ecdsa;
    private final DemoCertificates rsa;
    private final MemoryPump pump = new MemoryPump();
    private final ByteBuffer nothing = ByteBuffer.allocate(0);

    JsseBench(String provider, DemoCertificates ecdsa, DemoCertificates rsa) {
        this.stack = JsseStack.named(provider);
        this.ecdsa = ecdsa;
        this.rsa = rsa;
    }

    @Override
    public String name() {
        return stack.name();
    }

    /** SSLParameters.setNamedGroups exists from Java 20; before, an engine cannot be held to one group. */
    private static Method namedGroupsSetter() {
        try {
            return SSLParameters.class.getMethod("setNamedGroups", String[].class);
        } catch (NoSuchMethodException before20) {
            return null;
        }
    }

    /** Why the group of a row may differ on this JDK, or null. */
    static String groupCaveat() {
        return SET_NAMED_GROUPS != null ? null
                : "Java " + Runtime.version().feature() + " cannot hold an SSLEngine to one ECDHE group "
                        + "(SSLParameters.setNamedGroups is Java 20+): SunJSSE used its default group order";
    }

    @Override
    public BenchCase.Op prepare(BenchCase row) throws Exception {
        DemoCertificates pki = row.rsaKey() ? rsa : ecdsa;
        SSLContext server = stack.context(pki.server, null);
        SSLContext client = stack.context(null, List.of(pki.ca));
        switch (row.kind()) {
            case FULL_HANDSHAKE:
                SSLSession[] last = {null};
                return () -> {
                    SSLSession session = connect(client, server, row, null).getSession();
                    if (last[0] != null && Arrays.equals(session.getId(), last[0].getId())) {
                        throw new IllegalStateException(name() + " resumed the previous session in a full-handshake row");
                    }
                    // Forget the session, as the jtls client (no cache) does: the next handshake is full again.
                    session.invalidate();
                    last[0] = session;
                    return 1;
                };
            case RESUMED_HANDSHAKE:
                SSLSession first = connect(client, server, row, null).getSession();
                return () -> {
                    connect(client, server, row, first);
                    return 1;
                };
            case BULK:
                return bulk(client, server, row);
            default:
                throw new AssertionError(row.kind());
        }
    }

    private SSLEngine engine(SSLContext ctx, BenchCase row, boolean client) throws Exception {
        SSLEngine e = client ? ctx.createSSLEngine(JtlsBench.HOST, JtlsBench.PORT) : ctx.createSSLEngine();
        e.setUseClientMode(client);
        SSLParameters p = e.getSSLParameters();
        JsseStack.restrict(p, List.of(row.suite().standardName()));
        if (client) {
            p.setEndpointIdentificationAlgorithm("HTTPS");
        }
        if (row.group() != null && SET_NAMED_GROUPS != null) {
            SET_NAMED_GROUPS.invoke(p, (Object) new String[] {NamedGroupId.of(row.group()).name()});
        }
        e.setSSLParameters(p);
        return e;
    }

    /**
     * A handshaked pair (client first); {@code resuming} is the session the client must resume, or
     * null for a full handshake (then a session other than any before).
     */
    private SSLEngine[] pair(SSLContext client, SSLContext server, BenchCase row, SSLSession resuming) throws Exception {
        SSLEngine c = engine(client, row, true);
        SSLEngine s = engine(server, row, false);
        c.beginHandshake();
        s.beginHandshake();
        pump.run(MemoryPump.of(c, nothing), MemoryPump.of(s, nothing));
        if (c.getHandshakeStatus() != HandshakeStatus.NOT_HANDSHAKING || s.getHandshakeStatus() != HandshakeStatus.NOT_HANDSHAKING) {
            throw new IllegalStateException(name() + " handshake did not complete: " + c.getHandshakeStatus()
                    + "/" + s.getHandshakeStatus());
        }
        SSLSession session = c.getSession();
        boolean resumed = resuming != null && Arrays.equals(session.getId(), resuming.getId())
                && session.getCreationTime() == resuming.getCreationTime();
        if (!session.getCipherSuite().equals(row.suite().standardName()) || !session.getProtocol().equals(JsseStack.PROTOCOL)
                || resumed != (resuming != null)) {
            throw new IllegalStateException(name() + " negotiated " + session.getProtocol() + " " + session.getCipherSuite()
                    + (resumed ? ", resumed" : ", full") + "; the row wants " + row.suite().standardName()
                    + (resuming != null ? ", resumed" : ", full"));
        }
        return new SSLEngine[] {c, s};
    }

    private SSLEngine connect(SSLContext client, SSLContext server, BenchCase row, SSLSession resuming) throws Exception {
        return pair(client, server, row, resuming)[0];
    }

    private BenchCase.Op bulk(SSLContext client, SSLContext server, BenchCase row) throws Exception {
        SSLEngine[] pair = pair(client, server, row, null);
        ByteBuffer record = ByteBuffer.allocate(BenchCase.RECORD);
        record.limit(0);
        MemoryPump.Side clientSide = MemoryPump.of(pair[0], record);
        MemoryPump.Side serverSide = MemoryPump.of(pair[1], nothing);
        return () -> {
            long before = serverSide.received();
            record.clear();
            pump.run(clientSide, serverSide);
            long got = serverSide.received() - before;
            if (got != BenchCase.RECORD || record.hasRemaining()) {
                throw new IllegalStateException(name() + " delivered " + got + " bytes of a " + BenchCase.RECORD
                        + "-byte record");
            }
            return got;
        };
    }
}
