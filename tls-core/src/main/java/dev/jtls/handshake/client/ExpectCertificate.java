package dev.jtls.handshake.client;

import dev.jtls.suite.CipherSuite;
import dev.jtls.handshake.HandshakeOutput;
import dev.jtls.handshake.HandshakeState;
import dev.jtls.handshake.PeerCertificates;
import dev.jtls.handshake.Transcript;
import dev.jtls.message.Bytes;
import dev.jtls.message.Certificate;
import dev.jtls.message.HandshakeType;
import dev.jtls.message.PeerIncompatible;
import dev.jtls.message.PeerMisbehaved;
import dev.jtls.pki.CertifiedKey;
import dev.jtls.pki.ChainProblem;
import dev.jtls.pki.KeyUse;
import dev.jtls.pki.ServerCheck;
import dev.jtls.record.HandshakeFrame;
import dev.jtls.record.TlsAlertException;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Waits for the server's Certificate (RFC 5246 §7.4.2) and has the TrustVerifier judge it — at
 * once, or, when the server acknowledged status_request, in {@link ExpectCertificateStatus} once
 * the stapled OCSP response (if any) is known.
 */
final class ExpectCertificate implements HandshakeState {
    private final ClientContext ctx;
    private final Agreed agreed;
    private final Transcript transcript;

    ExpectCertificate(ClientContext ctx, Agreed agreed, Transcript transcript) {
        this.ctx = ctx;
        this.agreed = agreed;
        this.transcript = transcript;
    }

    @Override
    public HandshakeState handle(HandshakeFrame frame, HandshakeOutput out) {
        if (ClientStates.isIgnoredHelloRequest(frame)) {
            return this;
        }
        if (frame.type() != HandshakeType.CERTIFICATE.code()) {
            throw unexpected(frame);
        }
        Certificate message = frame.body().readAll("Certificate", Certificate::decode);
        transcript.add(frame);
        List<X509Certificate> chain = parseChain(message);
        if (agreed.statusMayCome()) {
            // RFC 6066 §8: a CertificateStatus may come next; the chain is judged with it.
            return new ExpectCertificateStatus(ctx, agreed, transcript, chain);
        }
        return accept(ctx, agreed, transcript, chain, null, out);
    }

    /**
     * Has the TrustVerifier judge the chain, with the OCSP response the server stapled (null for
     * none), and moves on to the server's key exchange.
     */
    static HandshakeState accept(ClientContext ctx, Agreed agreed, Transcript transcript, List<X509Certificate> chain,
                                 byte[] stapledOcspResponse, HandshakeOutput out) {
        ServerIdentity server = verify(ctx, agreed, chain, stapledOcspResponse);
        out.event(new PeerCertificates(server.chain()));
        if (agreed.suite().keyExchange() == CipherSuite.KeyExchange.ECDHE) {
            return new ExpectServerKeyExchange(ctx, agreed, transcript, server);
        }
        // RFC 5246 §7.4.3: no ServerKeyExchange for RSA key exchange.
        return new ExpectCertificateRequestOrDone(ctx, agreed, transcript, server,
                KeyAgreement.rsa(ctx.config().crypto(), server.publicKey()));
    }

    private List<X509Certificate> parseChain(Certificate message) {
        // RFC 5246 §7.4.2: every suite jtls offers authenticates the server, so the list holds at
        // least its certificate; an empty one is the same failure as a chain that does not verify.
        if (message.certificates().isEmpty()) {
            throw new TlsAlertException(PeerMisbehaved.EMPTY_CERTIFICATE_LIST, "the server sent no certificate");
        }
        int max = ctx.config().limits().maxCertificateChainLength();
        if (message.certificates().size() > max) {
            throw new TlsAlertException(ChainProblem.TOO_MANY_CERTIFICATES, "the server sent "
                    + message.certificates().size() + " certificates; at most " + max + " are accepted");
        }
        return parse(message.certificates());
    }

    private static ServerIdentity verify(ClientContext ctx, Agreed agreed, List<X509Certificate> chain,
                                         byte[] stapledOcspResponse) {
        // RFC 5246 §7.4.2: ECDHE suites sign with the key, RSA key exchange encrypts to it.
        KeyUse use = agreed.suite().keyExchange() == CipherSuite.KeyExchange.ECDHE
                ? KeyUse.DIGITAL_SIGNATURE : KeyUse.KEY_ENCIPHERMENT;
        ctx.config().trust().verifyServer(chain, new ServerCheck(ctx.peerName(), use, stapledOcspResponse));
        // RFC 5246 §7.4.2: "The end entity certificate's public key (and associated restrictions)
        // MUST be compatible with the selected key exchange algorithm."
        CertifiedKey.KeyType type = CertifiedKey.KeyType.of(chain.get(0).getPublicKey());
        CipherSuite suite = agreed.suite();
        if (type == null || type.authentication() != suite.authentication()
                || (suite.keyExchange() == CipherSuite.KeyExchange.RSA && type != CertifiedKey.KeyType.RSA)) {
            throw new TlsAlertException(PeerIncompatible.CERTIFICATE_KEY_MISMATCH, "the server's "
                    + chain.get(0).getPublicKey().getAlgorithm() + " key does not fit " + suite);
        }
        return new ServerIdentity(chain, type);
    }

    /** RFC 5246 §7.2.2 bad_certificate: "A certificate was corrupt". */
    static List<X509Certificate> parse(List<Bytes> der) {
        List<X509Certificate> chain = new ArrayList<>(der.size());
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (int i = 0; i < der.size(); i++) {
                byte[] bytes = der.get(i).toByteArray();
                java.security.cert.Certificate c = factory.generateCertificate(new ByteArrayInputStream(bytes));
                if (!(c instanceof X509Certificate)) {
                    throw new TlsAlertException(ChainProblem.MALFORMED,
                            "certificate at position " + i + " is not X.509");
                }
                chain.add((X509Certificate) c);
            }
        } catch (CertificateException | RuntimeException e) {
            if (e instanceof TlsAlertException) {
                throw (TlsAlertException) e;
            }
            throw new TlsAlertException(ChainProblem.MALFORMED,
                    "certificate at position " + chain.size() + " cannot be parsed", e);
        }
        return chain;
    }

    @Override
    public String describe() {
        return "waiting for the server's Certificate";
    }
}
