package dev.jtls.handshake.server;

import static dev.jtls.handshake.server.ServerConformanceTest.CRYPTO;
import static dev.jtls.handshake.server.ServerConformanceTest.assertFatal;
import static dev.jtls.handshake.server.ServerConformanceTest.encryptPremaster;
import static dev.jtls.handshake.server.ServerConformanceTest.premaster;
import static dev.jtls.handshake.server.ServerConformanceTest.sendHello;
import static dev.jtls.handshake.server.ServerConformanceTest.setLength24;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.config.ClientAuth;
import dev.jtls.connection.TlsConnection;
import dev.jtls.crypto.SignatureScheme;
import dev.jtls.suite.CipherSuite;
import dev.jtls.message.Bytes;
import dev.jtls.message.Certificate;
import dev.jtls.message.CertificateVerify;
import dev.jtls.message.RsaClientKeyExchange;
import dev.jtls.message.SignatureSchemeId;
import dev.jtls.record.AlertDescription;
import dev.jtls.testing.TestCerts;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Client authentication as tlsfuzzer attacks it (test-certificate-malformed.py,
 * test-certificate-verify-malformed.py, test-certificate-verify-malformed-sig.py): the server asks
 * for a certificate (optional, so an empty Certificate is fine) and gets malformed ones.
 */
class TlsfuzzerClientAuthTest {
    static final CipherSuite SUITE = CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA;
    static final TestCerts.Issued CLIENT_RSA = TestCerts.leaf(SunJsseClientTest.CA, "client-rsa",
            TestCerts.Kind.RSA_2048, List.of("client.test"));
    static final TestCerts.Issued CLIENT_EC = SunJsseClientTest.CLIENT;

    /** A client whose ClientHello got the server's flight with a CertificateRequest. */
    static ScriptedClient asked() {
        ScriptedClient c = sendHello(TlsConnection.server(SunJsseClientTest.serverConfig()
                        .clientAuth(ClientAuth.WANT).sessionTickets(false).build()),
                ServerConformanceTest.hello(SUITE, ServerConformanceTest.ecdheExtensions()
                        .extendedMasterSecret(true).build()).encodeWithHeader());
        assertThat(c.received.stream().map(f -> f.type()).toList()).containsExactly(2, 11, 13, 14);
        return c;
    }

    static void keyExchange(ScriptedClient c) throws Exception {
        c.sendHandshake(new RsaClientKeyExchange(Bytes.of(encryptPremaster(c, premaster(0x0303)))).encodeWithHeader());
    }

    /** Up to (not including) the CertificateVerify, with {@code who}'s certificate. */
    static ScriptedClient beforeCertificateVerify(TestCerts.Issued who) throws Exception {
        ScriptedClient c = asked();
        c.sendHandshake(new Certificate(List.of(Bytes.of(who.certificate().getEncoded()))).encodeWithHeader());
        keyExchange(c);
        assertThat(c.serverFailure).isNull();
        return c;
    }

    static Stream<TestCerts.Issued> clients() {
        return Stream.of(CLIENT_EC, CLIENT_RSA);
    }

    static SignatureScheme schemeFor(TestCerts.Issued who) {
        return who == CLIENT_EC ? SignatureScheme.ECDSA_SECP256R1_SHA256 : SignatureScheme.RSA_PKCS1_SHA256;
    }

    static byte[] goodCertificateVerify(ScriptedClient c, TestCerts.Issued who) throws Exception {
        SignatureScheme s = schemeFor(who);
        byte[] sig = CRYPTO.sign(s, who.privateKey(), c.transcriptBytes());
        return new CertificateVerify(SignatureSchemeId.of(s), Bytes.of(sig)).encodeWithHeader();
    }

    // ---- test-certificate-verify-malformed.py

    /** "N byte sig in CertificateVerify" (N = 0..3): well-formed, does not verify: decrypt_error. */
    @ParameterizedTest
    @MethodSource("clients")
    void shortSignaturesAreDecryptError(TestCerts.Issued who) throws Exception {
        byte[] sig = {(byte) 0xac, (byte) 0x96, 0x22, (byte) 0xdf};
        for (int n = 0; n < 4; n++) {
            ScriptedClient c = beforeCertificateVerify(who);
            c.sendHandshake(new CertificateVerify(SignatureSchemeId.of(schemeFor(who)), Bytes.of(Arrays.copyOf(sig, n)))
                    .encodeWithHeader());
            assertFatal(c, AlertDescription.DECRYPT_ERROR);
        }
    }

    /** "CertificateVerify truncated to N bytes" (N = 3..0) and "pad CertificateVerify": decode_error. */
    @ParameterizedTest
    @MethodSource("clients")
    void truncatedOrPaddedCertificateVerifyIsDecodeError(TestCerts.Issued who) throws Exception {
        for (int keep = 0; keep < 4; keep++) {
            ScriptedClient c = beforeCertificateVerify(who);
            byte[] empty = new CertificateVerify(SignatureSchemeId.of(schemeFor(who)), Bytes.EMPTY).encodeWithHeader();
            byte[] cut = Arrays.copyOf(empty, 4 + keep);
            setLength24(cut);
            c.sendHandshake(cut);
            assertFatal(c, AlertDescription.DECODE_ERROR);
        }
        for (boolean truncate : new boolean[] {true, false}) {
            ScriptedClient c = beforeCertificateVerify(who);
            byte[] good = goodCertificateVerify(c, who);
            byte[] changed = Arrays.copyOf(good, good.length + (truncate ? -1 : 1));
            setLength24(changed);
            c.sendHandshake(changed);
            assertFatal(c, AlertDescription.DECODE_ERROR);
        }
    }

    /** "fuzz signature length with N": the low byte of the signature length. */
    @ParameterizedTest
    @MethodSource("clients")
    void fuzzedSignatureLengthIsDecodeError(TestCerts.Issued who) throws Exception {
        for (int xor = 1; xor < 0x100; xor++) {
            ScriptedClient c = beforeCertificateVerify(who);
            byte[] cv = goodCertificateVerify(c, who);
            cv[7] ^= (byte) xor;
            c.sendHandshake(cv);
            assertFatal(c, AlertDescription.DECODE_ERROR);
        }
    }

    @ParameterizedTest
    @MethodSource("clients")
    void goodCertificateVerifyIsAccepted(TestCerts.Issued who) throws Exception {
        ScriptedClient c = beforeCertificateVerify(who);
        c.sendHandshake(goodCertificateVerify(c, who));
        assertThat(c.serverFailure).isNull();
    }

    // ---- test-certificate-malformed.py

    static IntStream oneTo255() {
        return IntStream.range(1, 0x100);
    }

    /** "fuzz certificates length" (byte 7) and "fuzz first certificate length" (byte 9). */
    @ParameterizedTest
    @MethodSource("oneTo255")
    void fuzzedCertificateLengthsAreDecodeError(int xor) throws Exception {
        for (int at : new int[] {7, 9}) {
            ScriptedClient c = asked();
            byte[] msg = new Certificate(List.of(Bytes.of(CLIENT_EC.certificate().getEncoded()))).encodeWithHeader();
            msg[at] ^= (byte) xor;
            c.sendHandshake(msg);
            assertFatal(c, AlertDescription.DECODE_ERROR);
        }
    }

    /** "fuzz empty certificates length - N": the empty Certificate's list length changed. */
    @ParameterizedTest
    @MethodSource("oneTo255")
    void fuzzedEmptyCertificateListLengthIsDecodeError(int xor) throws Exception {
        ScriptedClient c = asked();
        byte[] msg = new Certificate(List.of()).encodeWithHeader();
        msg[msg.length - 1] ^= (byte) xor;
        c.sendHandshake(msg);
        assertFatal(c, AlertDescription.DECODE_ERROR);
    }

    /**
     * "fuzz empty certificate - overall K, certs I, cert J": an empty Certificate padded with K zero
     * bytes, its list length set to I and the first certificate's length to J. A list that is exactly
     * one certificate of J zero bytes is bad_certificate; every other shape is decode_error.
     */
    @Test
    void fuzzedEmptyCertificateShapes() throws Exception {
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 8; j++) {
                for (int k = 0; k < 6; k++) {
                    if (i == 3 && j == 0 || k == 0 && i == 0) {
                        continue; // tlsfuzzer skips these (one empty certificate; the valid empty message)
                    }
                    byte[] msg = new byte[4 + 3 + k];
                    msg[0] = 11;
                    setLength24(msg);
                    msg[6] = (byte) i;
                    if (k >= 3) {
                        msg[9] = (byte) j;
                    }
                    ScriptedClient c = asked();
                    c.sendHandshake(msg);
                    AlertDescription expected = (i == j + 3 && k == i && j > 0)
                            ? AlertDescription.BAD_CERTIFICATE : AlertDescription.DECODE_ERROR;
                    assertThat(c.serverFailure).as("i=%d j=%d k=%d", i, j, k).isNotNull();
                    assertThat(c.serverFailure.description()).as("i=%d j=%d k=%d: %s", i, j, k,
                            c.serverFailure.getMessage()).isEqualTo(expected);
                    assertFatal(c, expected);
                }
            }
        }
    }
}
