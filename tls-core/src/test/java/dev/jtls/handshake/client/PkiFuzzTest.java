package dev.jtls.handshake.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.jtls.message.Bytes;
import dev.jtls.pki.ChainValidator;
import dev.jtls.pki.KeyUse;
import dev.jtls.pki.TrustAnchors;
import dev.jtls.pki.ValidationPolicy;
import dev.jtls.record.TlsAlertException;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Jazzer targets for certificates from the network and from files: a peer's chain (DER, as in a
 * Certificate message) through the client's parser and the path builder and validator, where only
 * {@link TlsAlertException} may come out; and PEM/DER trust-anchor files, where only a
 * {@link GeneralSecurityException} may.
 */
class PkiFuzzTest {
    /** One time-boxed fuzzing run (JAZZER_FUZZ=1); the README shows how to chain runs into a long one. */
    static final String FUZZ_RUN = "3m";

    private static final ChainValidator VALIDATOR = new ChainValidator(TrustAnchors.of(List.of(JssePeer.CA.certificate())));

    /** {@code [uint16 length][DER]...}: up to 6 certificates, leaf first (a short tail is the last one). */
    static List<Bytes> split(byte[] input) {
        List<Bytes> out = new ArrayList<>();
        int p = 0;
        while (p < input.length && out.size() < 6) {
            int len = p + 1 < input.length ? ((input[p] & 0xff) << 8) | (input[p + 1] & 0xff) : 0;
            int start = Math.min(p + 2, input.length);
            int end = Math.min(start + len, input.length);
            out.add(Bytes.of(java.util.Arrays.copyOfRange(input, start, end)));
            p = end;
        }
        return out;
    }

    @FuzzTest(maxDuration = FUZZ_RUN)
    void chainFromDer(byte[] input) {
        try {
            List<X509Certificate> chain = ExpectCertificate.parse(split(input));
            VALIDATOR.validate(chain, ValidationPolicy.webPki(), KeyUse.DIGITAL_SIGNATURE);
        } catch (TlsAlertException expected) {
            assertThat(expected.description()).isNotNull();
        }
    }

    @FuzzTest(maxDuration = FUZZ_RUN)
    void trustAnchorsFromPemOrDer(byte[] input) {
        try {
            assertThat(TrustAnchors.fromPem(new ByteArrayInputStream(input))).isNotNull();
        } catch (GeneralSecurityException expected) {
            assertThat(expected).isNotNull();
        }
    }
}
