package dev.jtls.bench;

import dev.jtls.config.TlsConfig;
import dev.jtls.connection.TlsConnection;
import dev.jtls.crypto.NamedGroup;
import dev.jtls.crypto.SignatureScheme;
import dev.jtls.suite.CipherSuite;
import dev.jtls.pki.CertifiedKey;
import dev.jtls.pki.PinnedTrustVerifier;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * One implementation under test, set up for one suite and group: makes a fresh client and server
 * per handshake ({@link #handshake}), or one established pair for bulk data ({@link #established}).
 *
 * <p>Implementations ({@code impl} benchmark parameter): {@code jtls} (its sans-IO
 * {@link TlsConnection}, default crypto provider), {@code jtls_mte} (the same with
 * {@link TlsConfig.Builder#encryptThenMac encryptThenMac(false)} on both sides: CBC suites are
 * MAC-then-encrypt, as SunJSSE's; the same as {@code jtls} for AEAD suites), {@code sunjsse} (the JDK's SSLEngine),
 * {@code bcjsse} (bctls's SSLEngine with Bouncy Castle's JCA provider) and {@code bcjsse_jca}
 * (bctls's SSLEngine over the JDK's JCA providers).
 */
abstract class Stack {
    /** How the client starts each handshake. */
    enum Mode { FULL, RESUME_ID, RESUME_TICKET }

    /** The signature schemes every client offers, in this order (see {@link Jsse#SCHEMES}). */
    static final List<SignatureScheme> SCHEMES = List.of(SignatureScheme.ECDSA_SECP256R1_SHA256,
            SignatureScheme.RSA_PKCS1_SHA256);

    final CipherSuite suite;
    final Mode mode;
    private final int groupCode;
    private final int schemeCode;

    private Stack(CipherSuite suite, NamedGroup group, SignatureScheme scheme, Mode mode) {
        this.suite = suite;
        this.mode = mode;
        this.groupCode = group == null ? -1 : group.code();
        this.schemeCode = scheme == null ? -1 : scheme.code();
    }

    /**
     * The stack for {@code impl}. For a resuming mode, one full handshake is made here so that the
     * client has a session to offer.
     */
    static Stack of(String impl, CipherSuite suite, NamedGroup group, SignatureScheme scheme, Mode mode) {
        Stack s;
        if (impl.equals("jtls") || impl.equals("jtls_mte")) {
            s = new JtlsStack(suite, group, scheme, mode, impl.equals("jtls"));
        } else {
            Jsse.Kind kind = Jsse.Kind.valueOf(impl.toUpperCase(java.util.Locale.ROOT));
            if (mode == Mode.RESUME_TICKET && kind != Jsse.Kind.SUNJSSE && kind != Jsse.Kind.JTLS_JSSE) {
                throw new IllegalArgumentException(impl + " has no session tickets");
            }
            s = new JsseStack(kind, suite, group, scheme, mode);
        }
        if (mode != Mode.FULL) {
            Conversation c = new Conversation();
            try {
                s.handshakeOnly(c);
            } catch (SSLException e) {
                throw new IllegalStateException(e);
            }
            c.wire.require(suite.code(), s.groupCode, s.schemeCode, false);
        }
        return s;
    }

    static Stack of(String impl, Row row, Mode mode) {
        return of(impl, row.suite, row.group, row.scheme, mode);
    }

    /**
     * One handshake between a new client and a new server; throws unless it completed with the
     * suite, group and scheme of this stack and was resumed exactly when the mode says so.
     *
     * @return the suite's code, for JMH to consume
     */
    final int handshake(Conversation c) throws SSLException {
        handshakeOnly(c);
        c.wire.require(suite.code(), groupCode, schemeCode, mode != Mode.FULL);
        return c.wire.suite;
    }

    abstract void handshakeOnly(Conversation c) throws SSLException;

    /** A connected client and server, for bulk data. */
    abstract Established established() throws SSLException;

    /** A connected pair: the client sends, the server receives. */
    interface Established {
        /**
         * Client writes all of {@code src} (one record at most 2^14 bytes), the server reads it into
         * {@code app}; returns the plaintext bytes the server got. {@code net} is the wire in between.
         */
        int transfer(ByteBuffer src, ByteBuffer net, ByteBuffer app) throws SSLException;

        /** What the wire showed at the handshake. */
        WireCheck wire();
    }

    private static final class JtlsStack extends Stack {
        private final TlsConfig client;
        private final TlsConfig server;

        /** @param encryptThenMac both sides' {@link TlsConfig#encryptThenMac()} */
        JtlsStack(CipherSuite suite, NamedGroup group, SignatureScheme scheme, Mode mode, boolean encryptThenMac) {
            super(suite, group, scheme, mode);
            List<NamedGroup> groups = List.of(group == null ? NamedGroup.SECP256R1 : group);
            client = TlsConfig.builder()
                    .cipherSuites(List.of(suite)).groups(groups).signatureSchemes(SCHEMES)
                    .trust(new PinnedTrustVerifier(List.of(Pki.CA.certificate(), Pki.RSA_CA.certificate()),
                            Clock.systemUTC()))
                    .sessionIdResumption(mode == Mode.RESUME_ID)
                    .sessionTickets(mode == Mode.RESUME_TICKET)
                    .encryptThenMac(encryptThenMac)
                    .build();
            server = TlsConfig.builder()
                    .cipherSuites(List.of(suite)).groups(groups).signatureSchemes(SCHEMES)
                    .certifiedKey(new CertifiedKey(List.of(Pki.RSA_LEAF.certificate()), Pki.RSA_LEAF.privateKey()))
                    .certifiedKey(new CertifiedKey(List.of(Pki.EC_LEAF.certificate()), Pki.EC_LEAF.privateKey()))
                    .sessionTickets(mode == Mode.RESUME_TICKET)
                    .encryptThenMac(encryptThenMac)
                    .build();
        }

        @Override
        void handshakeOnly(Conversation c) throws SSLException {
            connect(c);
        }

        private TlsConnection[] connect(Conversation c) throws SSLException {
            TlsConnection cl = TlsConnection.client(client, Pki.HOST, 443);
            TlsConnection sv = TlsConnection.server(server);
            c.handshake(Conversation.of(cl), Conversation.of(sv));
            return new TlsConnection[] {cl, sv};
        }

        @Override
        Established established() throws SSLException {
            Conversation c = new Conversation();
            TlsConnection[] pair = connect(c);
            TlsConnection cl = pair[0];
            TlsConnection sv = pair[1];
            return new Established() {
                @Override
                public int transfer(ByteBuffer src, ByteBuffer net, ByteBuffer app) {
                    net.clear();
                    cl.write(src, net);
                    net.flip();
                    app.clear();
                    sv.receive(net, app);
                    if (net.hasRemaining()) {
                        throw new IllegalStateException("server left " + net.remaining() + " bytes unread");
                    }
                    return app.position();
                }

                @Override
                public WireCheck wire() {
                    return c.wire;
                }
            };
        }
    }

    private static final class JsseStack extends Stack {
        private final dev.jtls.bench.Jsse.Contexts contexts;
        private final String suiteName;
        private final String group;
        private final ByteBuffer appIn = ByteBuffer.allocate(1 << 15);

        JsseStack(dev.jtls.bench.Jsse.Kind kind, CipherSuite suite, NamedGroup group, SignatureScheme scheme, Mode mode) {
            super(suite, group, scheme, mode);
            this.contexts = new dev.jtls.bench.Jsse.Contexts(kind);
            this.suiteName = suite.standardName();
            this.group = group == null ? null : group == NamedGroup.X25519 ? "x25519" : "secp256r1";
        }

        @Override
        void handshakeOnly(Conversation c) throws SSLException {
            connect(c);
        }

        private SSLEngine[] connect(Conversation c) throws SSLException {
            SSLEngine cl = contexts.clientEngine(suiteName, group, mode != Mode.FULL);
            SSLEngine sv = contexts.serverEngine(suiteName, group);
            cl.beginHandshake();
            sv.beginHandshake();
            c.handshake(Conversation.of(cl, appIn), Conversation.of(sv, appIn));
            return new SSLEngine[] {cl, sv};
        }

        @Override
        Established established() throws SSLException {
            Conversation c = new Conversation();
            SSLEngine[] pair = connect(c);
            SSLEngine cl = pair[0];
            SSLEngine sv = pair[1];
            return new Established() {
                @Override
                public int transfer(ByteBuffer src, ByteBuffer net, ByteBuffer app) throws SSLException {
                    net.clear();
                    SSLEngineResult w = cl.wrap(src, net);
                    if (w.getStatus() != SSLEngineResult.Status.OK || src.hasRemaining()) {
                        throw new IllegalStateException("wrap: " + w);
                    }
                    net.flip();
                    app.clear();
                    SSLEngineResult u = sv.unwrap(net, app);
                    if (u.getStatus() != SSLEngineResult.Status.OK || net.hasRemaining()) {
                        throw new IllegalStateException("unwrap: " + u);
                    }
                    return u.bytesProduced();
                }

                @Override
                public WireCheck wire() {
                    return c.wire;
                }
            };
        }
    }
}
