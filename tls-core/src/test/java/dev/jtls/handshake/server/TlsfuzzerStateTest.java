package dev.jtls.handshake.server;

import static dev.jtls.handshake.server.ServerConformanceTest.assertFatal;
import static dev.jtls.handshake.server.ServerConformanceTest.clientRandom;
import static dev.jtls.handshake.server.ServerConformanceTest.encryptPremaster;
import static dev.jtls.handshake.server.ServerConformanceTest.finishWithPremaster;
import static dev.jtls.handshake.server.ServerConformanceTest.hello;
import static dev.jtls.handshake.server.ServerConformanceTest.master;
import static dev.jtls.handshake.server.ServerConformanceTest.premaster;
import static dev.jtls.handshake.server.ServerConformanceTest.sendHello;
import static dev.jtls.handshake.server.ServerConformanceTest.server;
import static dev.jtls.handshake.server.ServerConformanceTest.serverHello;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.connection.TlsConnection;
import dev.jtls.suite.CipherSuite;
import dev.jtls.handshake.KeyBlock;
import dev.jtls.handshake.MasterSecret;
import dev.jtls.handshake.Side;
import dev.jtls.message.Bytes;
import dev.jtls.message.RsaClientKeyExchange;
import dev.jtls.record.Alert;
import dev.jtls.record.AlertDescription;
import dev.jtls.record.AlertLevel;
import dev.jtls.record.ContentType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every server state against every kind of record a tlsfuzzer conversation can put there: handshake
 * messages of every type, ChangeCipherSpec (good and malformed), application data, zero-length
 * records, warning and fatal alerts, close_notify. The expected alerts are RFC 5246's (§7.4: a
 * message out of order is unexpected_message; §6.2.1: no zero-length Handshake, Alert or CCS
 * fragments; §7.2.2: warnings are noted and the handshake goes on) as tlsfuzzer checks them
 * (test-message-skipping.py, test-ccs.py, test-early-application-data.py, test-zero-length-data.py,
 * test-interleaved-CKE-with-CCS.py, test-hello-request-by-client.py).
 */
class TlsfuzzerStateTest {
    static final CipherSuite CBC = CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA;
    static final CipherSuite GCM = CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256;

    /** Where the server is when the record under test arrives. */
    enum At {
        BEFORE_CLIENT_HELLO, AFTER_CLIENT_HELLO, AFTER_CLIENT_KEY_EXCHANGE, AFTER_CLIENT_CCS, CONNECTED;

        boolean encrypted() {
            return this == AFTER_CLIENT_CCS || this == CONNECTED;
        }
    }

    /** A client driven to {@code at}, with the suite's keys in place once they are in use. */
    static final class Driven {
        final ScriptedClient c;
        final CipherSuite suite;
        byte[] premaster;
        MasterSecret master;

        Driven(ScriptedClient c, CipherSuite suite) {
            this.c = c;
            this.suite = suite;
        }
    }

    static Driven drive(At at, CipherSuite suite) throws Exception {
        if (at == At.BEFORE_CLIENT_HELLO) {
            return new Driven(new ScriptedClient(server()), suite);
        }
        Driven d = new Driven(sendHello(server(), hello(suite, ServerConformanceTest.ecdheExtensions()
                .extendedMasterSecret(true).build()).encodeWithHeader()), suite);
        if (at == At.AFTER_CLIENT_HELLO) {
            return d;
        }
        d.premaster = premaster(0x0303);
        d.c.sendHandshake(new RsaClientKeyExchange(Bytes.of(encryptPremaster(d.c, d.premaster))).encodeWithHeader());
        d.master = master(d.c, suite, d.premaster);
        if (at == At.AFTER_CLIENT_KEY_EXCHANGE) {
            return d;
        }
        if (at == At.AFTER_CLIENT_CCS) {
            KeyBlock block = d.master.keyBlock(clientRandom(d.c), serverHello(d.c).random().toByteArray());
            d.c.serverWriteProtection = block.protection(Side.SERVER, false);
            d.c.sendChangeCipherSpec(block.protection(Side.CLIENT, false));
            return d;
        }
        finishWithPremaster(d.c, suite, d.premaster, false);
        assertThat(d.c.serverFailure).isNull();
        assertThat(d.c.server.status()).isEqualTo(TlsConnection.Status.CONNECTED);
        return d;
    }

    static Stream<Arguments> statesAndSuites() {
        List<Arguments> out = new ArrayList<>();
        for (At at : At.values()) {
            for (CipherSuite s : List.of(CBC, GCM)) {
                out.add(Arguments.of(at, s));
            }
        }
        return out.stream();
    }

    static Stream<CipherSuite> suites() {
        return Stream.of(CBC, GCM);
    }

    /** The handshake type each state is waiting for (and answers otherwise than with unexpected_message). */
    static int awaited(At at) {
        switch (at) {
            case BEFORE_CLIENT_HELLO: return 1;
            case AFTER_CLIENT_HELLO: return 16;
            case AFTER_CLIENT_CCS: return 20;
            case CONNECTED: return 1;
            default: return -1;
        }
    }

    static final int[] HANDSHAKE_TYPES = {0, 1, 2, 3, 4, 11, 12, 13, 14, 15, 16, 20, 21, 22, 23, 24, 67, 254, 255};

    /** test-message-skipping.py / test-hello-request-by-client.py: any message out of its place. */
    @ParameterizedTest
    @MethodSource("statesAndSuites")
    void handshakeMessageOutOfPlaceIsUnexpectedMessage(At at, CipherSuite suite) throws Exception {
        for (int type : HANDSHAKE_TYPES) {
            if (type == awaited(at)) {
                continue;
            }
            for (byte[] body : List.of(new byte[0], new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})) {
                Driven d = drive(at, suite);
                byte[] msg = new byte[4 + body.length];
                msg[0] = (byte) type;
                msg[3] = (byte) body.length;
                System.arraycopy(body, 0, msg, 4, body.length);
                d.c.sendRecord(ContentType.HANDSHAKE, msg);
                assertFatal(d.c, AlertDescription.UNEXPECTED_MESSAGE);
            }
        }
    }

    /** test-ccs.py and RFC 5246 §7.1: CCS only right after the key exchange. */
    @ParameterizedTest
    @MethodSource("statesAndSuites")
    void changeCipherSpecOutOfPlaceIsUnexpectedMessage(At at, CipherSuite suite) throws Exception {
        if (at == At.AFTER_CLIENT_KEY_EXCHANGE) {
            return;
        }
        Driven d = drive(at, suite);
        d.c.sendRecord(ContentType.CHANGE_CIPHER_SPEC, new byte[] {1});
        assertFatal(d.c, AlertDescription.UNEXPECTED_MESSAGE);
    }

    /** test-ccs.py "two bytes long CCS" (and other malformed CCS bodies): unexpected_message (RFC 8446 §5). */
    @ParameterizedTest
    @MethodSource("malformedCcs")
    void malformedChangeCipherSpecIsUnexpectedMessage(byte[] body) throws Exception {
        for (At at : At.values()) {
            Driven d = drive(at, CBC);
            d.c.sendRecord(ContentType.CHANGE_CIPHER_SPEC, body);
            assertFatal(d.c, AlertDescription.UNEXPECTED_MESSAGE);
        }
    }

    static Stream<byte[]> malformedCcs() {
        return Stream.of(new byte[] {1, 1}, new byte[] {2}, new byte[] {0}, new byte[] {(byte) 0xff}, new byte[] {1, 0, 0});
    }

    /** test-early-application-data.py / test-message-skipping.py "skip Finished": data before the handshake ends. */
    @ParameterizedTest
    @MethodSource("statesAndSuites")
    void applicationDataBeforeFinishedIsUnexpectedMessage(At at, CipherSuite suite) throws Exception {
        if (at == At.CONNECTED) {
            return;
        }
        for (byte[] body : List.of(new byte[0], "GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII))) {
            Driven d = drive(at, suite);
            d.c.sendRecord(ContentType.APPLICATION_DATA, body);
            assertFatal(d.c, AlertDescription.UNEXPECTED_MESSAGE);
        }
    }

    /** RFC 5246 §6.2.1: zero-length Handshake, Alert and ChangeCipherSpec fragments are not allowed. */
    @ParameterizedTest
    @MethodSource("statesAndSuites")
    void zeroLengthNonDataRecordsAreUnexpectedMessage(At at, CipherSuite suite) throws Exception {
        for (ContentType type : List.of(ContentType.HANDSHAKE, ContentType.ALERT, ContentType.CHANGE_CIPHER_SPEC)) {
            Driven d = drive(at, suite);
            d.c.sendRecord(type, new byte[0]);
            assertFatal(d.c, AlertDescription.UNEXPECTED_MESSAGE);
        }
    }

    /** test-zero-length-data.py "zero-length app data": ignored once connected, the data after it arrives. */
    @ParameterizedTest
    @MethodSource("suites")
    void zeroLengthApplicationDataIsIgnoredWhenConnected(CipherSuite suite) throws Exception {
        Driven d = drive(At.CONNECTED, suite);
        d.c.sendRecord(ContentType.APPLICATION_DATA, new byte[0]);
        d.c.sendRecord(ContentType.APPLICATION_DATA, "GET / HTTP/1.0\n\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(d.c.serverFailure).isNull();
        assertThat(read(d.c.server)).isEqualTo("GET / HTTP/1.0\n\n");
    }

    /** RFC 5246 §7.2.2: a warning is noted and the conversation goes on, in every state. */
    @ParameterizedTest
    @MethodSource("statesAndSuites")
    void unknownAndOddWarningsAreIgnoredInEveryState(At at, CipherSuite suite) throws Exception {
        for (int description : new int[] {AlertDescription.NO_RENEGOTIATION.code(), AlertDescription.USER_CANCELED.code(),
            AlertDescription.UNRECOGNIZED_NAME.code(), 255, 200, 3}) {
            Driven d = drive(at, suite);
            d.c.sendRecord(ContentType.ALERT, new byte[] {1, (byte) description});
            assertThat(d.c.serverFailure).as("warning %d at %s", description, at).isNull();
            assertThat(d.c.server.status()).isNotEqualTo(TlsConnection.Status.CLOSED);
            assertThat(d.c.alerts).isEmpty();
        }
    }

    /** A fatal alert from the peer ends the connection; nothing is sent back (RFC 5246 §7.2.2). */
    @ParameterizedTest
    @MethodSource("statesAndSuites")
    void fatalAlertFromThePeerClosesSilently(At at, CipherSuite suite) throws Exception {
        for (int description : new int[] {AlertDescription.HANDSHAKE_FAILURE.code(), 255}) {
            Driven d = drive(at, suite);
            d.c.sendRecord(ContentType.ALERT, new byte[] {2, (byte) description});
            assertThat(d.c.serverFailure).isNotNull();
            assertThat(d.c.server.status()).isEqualTo(TlsConnection.Status.CLOSED);
            assertThat(d.c.alerts).isEmpty();
        }
    }

    /** close_notify in any state is answered with close_notify (RFC 5246 §7.2.1). */
    @ParameterizedTest
    @MethodSource("statesAndSuites")
    void closeNotifyIsAnsweredInEveryState(At at, CipherSuite suite) throws Exception {
        Driven d = drive(at, suite);
        d.c.sendRecord(ContentType.ALERT, new byte[] {1, 0});
        assertThat(d.c.serverFailure).isNull();
        assertThat(d.c.alerts).containsExactly(Alert.warning(AlertDescription.CLOSE_NOTIFY));
        assertThat(d.c.server.isInboundDone()).isTrue();
    }

    /** Alert records that are not two bytes: decode_error (RFC 5246 §7.2); an unknown level likewise. */
    @ParameterizedTest
    @MethodSource("statesAndSuites")
    void malformedAlertRecordsAreDecodeError(At at, CipherSuite suite) throws Exception {
        for (byte[] body : List.of(new byte[] {1, 0, 0}, new byte[] {2, 40, 1}, new byte[] {3, 0}, new byte[] {0, 40})) {
            Driven d = drive(at, suite);
            d.c.sendRecord(ContentType.ALERT, body);
            assertFatal(d.c, AlertDescription.DECODE_ERROR);
        }
    }

    /** test-interleaved-CKE-with-CCS.py: a CCS between fragments of a handshake message. */
    @Test
    void changeCipherSpecInsideAFragmentedClientKeyExchangeIsUnexpectedMessage() throws Exception {
        Driven d = drive(At.AFTER_CLIENT_HELLO, CBC);
        byte[] cke = new RsaClientKeyExchange(Bytes.of(encryptPremaster(d.c, premaster(0x0303)))).encodeWithHeader();
        d.c.sendRecord(ContentType.HANDSHAKE, java.util.Arrays.copyOf(cke, 2));
        d.c.sendRecord(ContentType.CHANGE_CIPHER_SPEC, new byte[] {1});
        assertFatal(d.c, AlertDescription.UNEXPECTED_MESSAGE);
    }

    /** A second Finished (or anything) after the connection is up but before data: the state keeps order. */
    @Test
    void duplicatedClientHelloDuringHandshakeIsUnexpectedMessage() throws Exception {
        Driven d = drive(At.AFTER_CLIENT_KEY_EXCHANGE, CBC);
        d.c.sendHandshake(hello(CBC, null).encodeWithHeader());
        assertFatal(d.c, AlertDescription.UNEXPECTED_MESSAGE);
    }

    /**
     * test-invalid-content-type.py / test-no-heartbeat.py: a record of a content type TLS 1.2 does
     * not define (heartbeat included: jtls does not do RFC 6520) is unexpected_message (RFC 5246 §6),
     * in the clear or after the client's ChangeCipherSpec.
     */
    @ParameterizedTest
    @MethodSource("statesAndSuites")
    void unknownContentTypeIsUnexpectedMessage(At at, CipherSuite suite) throws Exception {
        for (int type : new int[] {0, 1, 19, 24, 25, 99, 255}) {
            Driven d = drive(at, suite);
            byte[] body = "hello server!\n".getBytes(StandardCharsets.US_ASCII);
            byte[] rec = new byte[5 + body.length];
            rec[0] = (byte) type;
            rec[1] = 3;
            rec[2] = (byte) (at == At.BEFORE_CLIENT_HELLO ? 1 : 3);
            rec[4] = (byte) body.length;
            System.arraycopy(body, 0, rec, 5, body.length);
            d.c.sendRaw(rec);
            assertFatal(d.c, AlertDescription.UNEXPECTED_MESSAGE);
        }
    }

    /**
     * test-no-heartbeat.py "heartbeat in handshake without support in server": the ClientHello (with
     * a heartbeat extension) and a heartbeat record in one segment. The hello is answered in full
     * first; then the heartbeat is unexpected_message.
     */
    @Test
    void heartbeatRecordAfterTheHelloInOneSegment() {
        byte[] hello = TlsfuzzerClientHelloTest.tlsliteHello(new int[] {0x002f, 0x00ff},
                List.of(new TlsfuzzerClientHelloTest.Ext(15, new byte[] {1})));
        byte[] first = ServerConformanceTest.record(22, 0x0301, hello);
        byte[] heartbeat = ServerConformanceTest.record(24, 0x0303, new byte[] {1, 0, 64, 't', 'e', 's', 't'});
        byte[] both = java.util.Arrays.copyOf(first, first.length + heartbeat.length);
        System.arraycopy(heartbeat, 0, both, first.length, heartbeat.length);
        ScriptedClient c = new ScriptedClient(server());
        c.sendRaw(both);
        assertThat(c.received.stream().map(f -> f.type()).toList()).containsExactly(2, 11, 14);
        assertThat(serverHello(c).extensionsOrEmpty().order()).doesNotContain(dev.jtls.message.ExtensionType.of(15));
        assertFatal(c, AlertDescription.UNEXPECTED_MESSAGE);
    }

    /**
     * test-interleaved-application-data-and-fragmented-handshakes-in-renegotiation.py "Application
     * data inside Client Hello": RFC 5246 §6.2.1, "Recipients MUST receive and process interleaved
     * application layer traffic during handshakes subsequent to the first one". jtls does not
     * renegotiate, so once the hello is whole it gets the no_renegotiation warning; the data between
     * its fragments is delivered and the connection goes on.
     */
    @ParameterizedTest
    @MethodSource("suites")
    void applicationDataInsideARenegotiatingClientHelloIsDelivered(CipherSuite suite) throws Exception {
        Driven d = drive(At.CONNECTED, suite);
        byte[] hello = hello(suite, ServerConformanceTest.ecdheExtensions().build()).encodeWithHeader();
        d.c.sendRecord(ContentType.HANDSHAKE, java.util.Arrays.copyOf(hello, 30));
        d.c.sendRecord(ContentType.APPLICATION_DATA, "GET / HTTP/1.0".getBytes(StandardCharsets.US_ASCII));
        assertThat(d.c.serverFailure).isNull();
        assertThat(read(d.c.server)).isEqualTo("GET / HTTP/1.0");
        d.c.sendRecord(ContentType.HANDSHAKE, java.util.Arrays.copyOfRange(hello, 30, hello.length));
        assertThat(d.c.serverFailure).isNull();
        assertThat(d.c.alerts).containsExactly(Alert.warning(AlertDescription.NO_RENEGOTIATION));
        d.c.sendRecord(ContentType.APPLICATION_DATA, "\n\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(read(d.c.server)).isEqualTo("\n\n");
        assertThat(d.c.server.status()).isEqualTo(TlsConnection.Status.CONNECTED);
    }

    /** RFC 5246 §6.2.1: a warning alert between two fragments of the ClientKeyExchange; the handshake goes on. */
    @ParameterizedTest
    @MethodSource("suites")
    void warningInsideAFragmentedClientKeyExchangeIsIgnored(CipherSuite suite) throws Exception {
        Driven d = drive(At.AFTER_CLIENT_HELLO, suite);
        byte[] premaster = premaster(0x0303);
        byte[] cke = new RsaClientKeyExchange(Bytes.of(encryptPremaster(d.c, premaster))).encodeWithHeader();
        d.c.sendHandshake(java.util.Arrays.copyOf(cke, 2));
        d.c.sendRecord(ContentType.ALERT, new byte[] {1, (byte) AlertDescription.USER_CANCELED.code()});
        d.c.sendHandshake(java.util.Arrays.copyOfRange(cke, 2, cke.length));
        finishWithPremaster(d.c, suite, premaster, false);
        assertThat(d.c.serverFailure).isNull();
        assertThat(d.c.server.status()).isEqualTo(TlsConnection.Status.CONNECTED);
    }

    /** Application data between fragments of the first handshake is still data before Finished. */
    @Test
    void applicationDataInsideAFragmentedClientKeyExchangeIsUnexpectedMessage() throws Exception {
        Driven d = drive(At.AFTER_CLIENT_HELLO, CBC);
        byte[] cke = new RsaClientKeyExchange(Bytes.of(encryptPremaster(d.c, premaster(0x0303)))).encodeWithHeader();
        d.c.sendHandshake(java.util.Arrays.copyOf(cke, 30));
        d.c.sendRecord(ContentType.APPLICATION_DATA, "GET / HTTP/1.0".getBytes(StandardCharsets.US_ASCII));
        assertFatal(d.c, AlertDescription.UNEXPECTED_MESSAGE);
    }

    static String read(TlsConnection server) {
        ByteBuffer b = ByteBuffer.allocate(1 << 15);
        server.read(b);
        return new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII);
    }

    static boolean warningOnly(List<Alert> alerts) {
        return alerts.stream().allMatch(a -> a.level() == AlertLevel.WARNING);
    }
}
