package dev.jtls.handshake.server;

import static dev.jtls.handshake.server.ServerConformanceTest.CRYPTO;
import static dev.jtls.handshake.server.ServerConformanceTest.assertFatal;
import static dev.jtls.handshake.server.ServerConformanceTest.sendHello;
import static dev.jtls.handshake.server.ServerConformanceTest.server;
import static dev.jtls.handshake.server.ServerConformanceTest.serverHello;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.crypto.SignatureScheme;
import dev.jtls.suite.CipherSuite;
import dev.jtls.message.Bytes;
import dev.jtls.message.ClientHelloExtensions;
import dev.jtls.message.NamedGroupId;
import dev.jtls.message.RenegotiationInfo;
import dev.jtls.message.ServerKeyExchange;
import dev.jtls.message.SignatureAlgorithms;
import dev.jtls.message.SignatureSchemeId;
import dev.jtls.message.SupportedGroups;
import dev.jtls.record.AlertDescription;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The server's ECDHE_ECDSA signature against tlsfuzzer test-ecdsa-sig-flexibility.py: in TLS 1.2 an
 * ECDSA scheme names a hash, not a curve (RFC 5246 §7.4.1.4.1, RFC 8422 §5.1.1), so a P-256 key
 * signs with whichever of SHA-256/384/512 the client lists alone.
 */
class TlsfuzzerKeyExchangeTest {
    static final CipherSuite ECDSA_CBC = CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA;

    static ClientHelloExtensions ext(int... schemes) {
        return ClientHelloExtensions.builder()
                .signatureAlgorithms(new SignatureAlgorithms(java.util.Arrays.stream(schemes)
                        .mapToObj(SignatureSchemeId::of).toList()))
                .supportedGroups(new SupportedGroups(List.of(NamedGroupId.SECP256R1, NamedGroupId.SECP384R1,
                        NamedGroupId.SECP521R1)))
                .renegotiationInfo(RenegotiationInfo.INITIAL).build();
    }

    /** "connect with shaN+ecdsa only": the server signs with that hash, and the signature verifies. */
    @ParameterizedTest
    @ValueSource(ints = {0x0403, 0x0503, 0x0603})
    void aP256KeySignsWithTheOnlyHashOffered(int scheme) throws Exception {
        ScriptedClient c = sendHello(server(), ServerConformanceTest.hello(ECDSA_CBC, ext(scheme)).encodeWithHeader());
        assertThat(c.serverFailure).isNull();
        assertThat(serverHello(c).cipherSuite().code()).isEqualTo(ECDSA_CBC.code());
        ServerKeyExchange ske = c.frame(12).body().readAll("ServerKeyExchange", ServerKeyExchange::decode);
        assertThat(ske.signatureAlgorithm().code()).isEqualTo(scheme);
        byte[] clientRandom = ServerConformanceTest.clientRandom(c);
        byte[] signed = ske.signedData(Bytes.of(clientRandom), serverHello(c).random());
        assertThat(CRYPTO.verify(SignatureScheme.fromCode(scheme), ServerConformanceTest.serverKey(c), signed,
                ske.signature().toByteArray())).isTrue();
    }

    /** "sanity - strongest to weakest": SHA-512 first in the list is honoured. */
    @Test
    void strongestFirstIsAccepted() {
        ScriptedClient c = sendHello(server(), ServerConformanceTest.hello(ECDSA_CBC,
                ext(0x0603, 0x0503, 0x0403, 0x0203)).encodeWithHeader());
        assertThat(c.serverFailure).isNull();
        ServerKeyExchange ske = c.frame(12).body().readAll("ServerKeyExchange", ServerKeyExchange::decode);
        assertThat(ske.signatureAlgorithm().code()).isIn(0x0403, 0x0503, 0x0603);
    }

    /**
     * "connect with sha1+ecdsa only": deliberately refused. RFC 9155 §2: SHA-1 "MUST NOT be used" in
     * TLS 1.2 signatures; with nothing else to sign with, handshake_failure (RFC 5246 §7.4.1.3).
     */
    @Test
    void sha1OnlyIsHandshakeFailure() {
        assertFatal(sendHello(server(), ServerConformanceTest.hello(ECDSA_CBC, ext(0x0203)).encodeWithHeader()),
                AlertDescription.HANDSHAKE_FAILURE);
    }
}
