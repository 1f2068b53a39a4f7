package dev.jtls.handshake.server;

import dev.jtls.config.ClientAuth;
import dev.jtls.config.TlsConfig;
import dev.jtls.config.ClientAuth;
import dev.jtls.crypto.KeyShare;
import dev.jtls.handshake.HandshakeOutput;
import dev.jtls.handshake.HandshakeState;
import dev.jtls.handshake.PeerCertificates;
import dev.jtls.handshake.Transcript;
import dev.jtls.message.Bytes;
import dev.jtls.message.Certificate;
import dev.jtls.message.HandshakeType;
import dev.jtls.message.PeerIncompatible;
import dev.jtls.pki.CertifiedKey;
import dev.jtls.pki.ChainProblem;
import dev.jtls.record.HandshakeFrame;
import dev.jtls.record.TlsAlertException;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * After a CertificateRequest: the client's Certificate (RFC 5246 §7.4.6), possibly empty. The
 * client "MUST send a Certificate message" when asked, so anything else here is unexpected_message.
 */
final class ExpectClientCertificate implements HandshakeState {
    private final FullAgreement agreement;
    private final Transcript transcript;

    ExpectClientCertificate(FullAgreement agreement, Transcript transcript) {
        this.agreement = agreement;
        this.transcript = transcript;
    }

    @Override
    public HandshakeState handle(HandshakeFrame frame, HandshakeOutput out) {
        if (frame.type() != HandshakeType.CERTIFICATE.code()) {
            throw unexpected(frame);
        }
        TlsConfig config = agreement.ctx().config();
        Certificate certificate = Messages.decode(frame, "Certificate", Certificate::decode);
        transcript.add(frame);
        if (certificate.certificates().isEmpty()) {
            if (config.clientAuth() == ClientAuth.NEED) {
                // RFC 5246 §7.4.6: "If the client does not send any certificates, the server MAY at
                // its discretion ... respond with a fatal handshake_failure alert."
                throw new TlsAlertException(PeerIncompatible.NO_CLIENT_CERTIFICATE,
                        "the client sent no certificate and this server requires one");
            }
            // No CertificateVerify can come now.
            transcript.releaseRaw();
            return new ExpectClientKeyExchange(agreement, transcript, List.of());
        }
        List<X509Certificate> chain = parse(certificate.certificates());
        if (CertifiedKey.KeyType.of(chain.get(0).getPublicKey()) == null) {
            throw new TlsAlertException(PeerIncompatible.UNSUPPORTED_CERTIFICATE_KEY, "the client certificate's key ("
                    + chain.get(0).getPublicKey().getAlgorithm() + ") is of a type jtls cannot verify");
        }
        try {
            config.trust().verifyClient(chain);
        } catch (TlsAlertException e) {
            throw e;
        } catch (RuntimeException e) {
            // A verifier must refuse with an alert; whatever else a hostile chain provokes in it
            // (a provider exception on an odd key) is still a refused certificate.
            throw new TlsAlertException(ChainProblem.MALFORMED,
                    "the client certificate chain could not be verified: " + e.getClass().getSimpleName());
        }
        out.event(new PeerCertificates(chain));
        return new ExpectClientKeyExchange(agreement, transcript, chain);
    }

    private List<X509Certificate> parse(List<Bytes> ders) {
        TlsConfig config = agreement.ctx().config();
        if (ders.size() > config.limits().maxCertificateChainLength()) {
            throw new TlsAlertException(ChainProblem.TOO_MANY_CERTIFICATES, "client certificate chain of " + ders.size()
                    + " certificates; the limit is " + config.limits().maxCertificateChainLength());
        }
        List<X509Certificate> chain = new ArrayList<>(ders.size());
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            for (int i = 0; i < ders.size(); i++) {
                byte[] der = ders.get(i).toByteArray();
                X509Certificate c = (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der));
                chain.add(c);
            }
        } catch (CertificateException | RuntimeException e) {
            // RFC 5246 §7.2.2 bad_certificate: "A certificate was corrupt"; tlsfuzzer
            // test-certificate-malformed.py expects bad_certificate or decode_error.
            throw new TlsAlertException(ChainProblem.MALFORMED,
                    "certificate " + chain.size() + " of the client's chain cannot be parsed");
        }
        return chain;
    }

    @Override
    public String describe() {
        return "waiting for the client's Certificate";
    }
}
