package dev.jtls.handshake.server;

import static dev.jtls.handshake.server.ServerConformanceTest.CRYPTO;
import static dev.jtls.handshake.server.ServerConformanceTest.assertFatal;
import static dev.jtls.handshake.server.ServerConformanceTest.serverHello;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.config.ClientAuth;
import dev.jtls.config.TlsConfig;
import dev.jtls.connection.TlsConnection;
import dev.jtls.suite.CipherSuite;
import dev.jtls.handshake.KeyBlock;
import dev.jtls.handshake.MasterSecret;
import dev.jtls.handshake.Side;
import dev.jtls.message.Bytes;
import dev.jtls.message.ClientHello;
import dev.jtls.message.ClientHelloExtensions;
import dev.jtls.message.Finished;
import dev.jtls.message.SessionTicket;
import dev.jtls.record.AlertDescription;
import dev.jtls.record.ContentType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The abbreviated handshake (RFC 5246 §7.3 fig. 2) against out-of-order input, and session tickets
 * the server cannot open (RFC 5077 §3.4: a full handshake, never an error): tlsfuzzer
 * test-extended-master-secret-extension.py "EMS with session resume", test-message-skipping.py,
 * test-message-duplication.py on the resumed path.
 */
class TlsfuzzerResumptionTest {
    static final CipherSuite GCM = CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256;

    /** A resumed connection up to the server's Finished; the client holds the session's master secret. */
    record Resumed(ScriptedClient c, MasterSecret master) {
    }

    static Resumed resumed() throws Exception {
        TlsConfig config = ServerHandshakePathsTest.config(ClientAuth.NONE);
        ScriptedClient a = new ScriptedClient(TlsConnection.server(config));
        MasterSecret m = ServerHandshakePathsTest.fullHandshake(a, GCM,
                ServerHandshakePathsTest.hello(List.of(GCM), Bytes.EMPTY, true, null));
        Bytes id = serverHello(a).sessionId();
        ScriptedClient b = new ScriptedClient(TlsConnection.server(config));
        b.serverWriteKeys = () -> ServerHandshakePathsTest.keys(b, m).protection(Side.SERVER, false);
        b.sendHandshake(ServerHandshakePathsTest.hello(List.of(GCM), id, true, null).encodeWithHeader());
        assertThat(b.received.stream().map(f -> f.type()).toList()).containsExactly(2, 20);
        assertThat(b.serverFailure).isNull();
        return new Resumed(b, m);
    }

    static void clientChangeCipherSpec(Resumed r) {
        KeyBlock block = ServerHandshakePathsTest.keys(r.c(), r.master());
        r.c().sendChangeCipherSpec(block.protection(Side.CLIENT, false));
    }

    @Test
    void resumedHandshakeCompletes() throws Exception {
        Resumed r = resumed();
        clientChangeCipherSpec(r);
        byte[] verify = r.master().verifyData(Side.CLIENT, r.c().transcriptHash(CRYPTO, GCM.prfHash()));
        r.c().sendHandshake(new Finished(Bytes.of(verify)).encodeWithHeader());
        assertThat(r.c().serverFailure).isNull();
        assertThat(r.c().server.status()).isEqualTo(TlsConnection.Status.CONNECTED);
    }

    /** Anything but the client's CCS after the server's Finished: unexpected_message (RFC 5246 §7.3). */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 11, 15, 16, 20})
    void handshakeMessageInsteadOfChangeCipherSpecIsUnexpectedMessage(int type) throws Exception {
        Resumed r = resumed();
        r.c().sendHandshake(new byte[] {(byte) type, 0, 0, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
        assertFatal(r.c(), AlertDescription.UNEXPECTED_MESSAGE);
    }

    @Test
    void applicationDataBeforeTheClientFinishedIsUnexpectedMessage() throws Exception {
        Resumed r = resumed();
        r.c().sendRecord(ContentType.APPLICATION_DATA, new byte[] {'G', 'E', 'T'});
        assertFatal(r.c(), AlertDescription.UNEXPECTED_MESSAGE);
        Resumed s = resumed();
        clientChangeCipherSpec(s);
        s.c().sendRecord(ContentType.APPLICATION_DATA, new byte[] {'G', 'E', 'T'});
        assertFatal(s.c(), AlertDescription.UNEXPECTED_MESSAGE);
    }

    @Test
    void secondChangeCipherSpecIsUnexpectedMessage() throws Exception {
        Resumed r = resumed();
        clientChangeCipherSpec(r);
        r.c().sendRecord(ContentType.CHANGE_CIPHER_SPEC, new byte[] {1});
        assertFatal(r.c(), AlertDescription.UNEXPECTED_MESSAGE);
    }

    /** test-fuzzed-finished.py on the resumed path. */
    @Test
    void wrongClientFinishedIsDecryptError() throws Exception {
        Resumed r = resumed();
        clientChangeCipherSpec(r);
        byte[] verify = r.master().verifyData(Side.CLIENT, r.c().transcriptHash(CRYPTO, GCM.prfHash()));
        verify[11] ^= 1;
        r.c().sendHandshake(new Finished(Bytes.of(verify)).encodeWithHeader());
        assertFatal(r.c(), AlertDescription.DECRYPT_ERROR);
    }

    /** RFC 5077 §3.4: a ticket the server cannot use means a full handshake, whatever its bytes. */
    @ParameterizedTest
    @ValueSource(ints = {1, 16, 31, 32, 100, 255, 1000, 16384, 65000})
    void undecryptableTicketsGetAFullHandshake(int length) throws Exception {
        TlsConfig config = SunJsseClientTest.serverConfig().sessionTickets(true).build();
        byte[] ticket = new byte[length];
        CRYPTO.random().nextBytes(ticket);
        ClientHello base = ServerHandshakePathsTest.hello(List.of(GCM), Bytes.of(new byte[32]), true, null);
        ClientHelloExtensions ext = ClientHelloExtensions.builder().extendedMasterSecret(true)
                .sessionTicket(new SessionTicket(Bytes.of(ticket))).build();
        ClientHello hello = new ClientHello(base.clientVersion(), base.random(), base.sessionId(), base.cipherSuites(),
                base.compressionMethods(), ext);
        ScriptedClient c = new ScriptedClient(TlsConnection.server(config));
        c.sendHandshake(hello.encodeWithHeader());
        assertThat(c.serverFailure).isNull();
        assertThat(c.received.stream().map(f -> f.type()).toList()).containsExactly(2, 11, 14);
    }

    /**
     * RFC 5246 §7.2.2: "any connection terminated with a fatal alert MUST NOT be resumed" — the
     * client's fatal alert right behind its Finished, or a record the server refuses after the
     * handshake (TLS-Anvil rejectResumptionAfterFatalPostHandshake).
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void sessionEndedByAFatalAlertIsNotResumed(boolean alertFromClient) throws Exception {
        TlsConfig config = ServerHandshakePathsTest.config(ClientAuth.NONE);
        ScriptedClient a = new ScriptedClient(TlsConnection.server(config));
        ServerHandshakePathsTest.fullHandshake(a, GCM, ServerHandshakePathsTest.hello(List.of(GCM), Bytes.EMPTY, true, null));
        Bytes id = serverHello(a).sessionId();
        assertThat(id.length()).isEqualTo(32);
        if (alertFromClient) {
            a.sendRecord(ContentType.ALERT, new byte[] {2, (byte) AlertDescription.INTERNAL_ERROR.code()});
        } else {
            byte[] rec = a.seal(ContentType.APPLICATION_DATA, new byte[] {1, 2, 3});
            rec[rec.length - 1] ^= 1;
            a.sendRaw(rec);
            assertThat(a.lastAlert()).isEqualTo(dev.jtls.record.Alert.fatal(AlertDescription.BAD_RECORD_MAC));
        }
        assertThat(a.server.status()).isEqualTo(TlsConnection.Status.CLOSED);

        ScriptedClient b = new ScriptedClient(TlsConnection.server(config));
        b.sendHandshake(ServerHandshakePathsTest.hello(List.of(GCM), id, true, null).encodeWithHeader());
        assertThat(b.serverFailure).isNull();
        assertThat(serverHello(b).sessionId()).isNotEqualTo(id);
        assertThat(b.received.stream().map(f -> f.type()).toList()).containsExactly(2, 11, 14);
    }

    /** test-extended-master-secret-extension.py "EMS with session resume": close_notify, then the session resumes. */
    @Test
    void sessionClosedWithCloseNotifyResumes() throws Exception {
        TlsConfig config = ServerHandshakePathsTest.config(ClientAuth.NONE);
        ScriptedClient a = new ScriptedClient(TlsConnection.server(config));
        MasterSecret m = ServerHandshakePathsTest.fullHandshake(a, GCM,
                ServerHandshakePathsTest.hello(List.of(GCM), Bytes.EMPTY, true, null));
        Bytes id = serverHello(a).sessionId();
        a.sendRecord(ContentType.ALERT, new byte[] {1, 0});
        assertThat(a.lastAlert()).isEqualTo(dev.jtls.record.Alert.warning(AlertDescription.CLOSE_NOTIFY));
        ScriptedClient b = new ScriptedClient(TlsConnection.server(config));
        b.serverWriteKeys = () -> ServerHandshakePathsTest.keys(b, m).protection(Side.SERVER, false);
        b.sendHandshake(ServerHandshakePathsTest.hello(List.of(GCM), id, true, null).encodeWithHeader());
        assertThat(serverHello(b).sessionId()).isEqualTo(id);
        assertThat(b.received.stream().map(f -> f.type()).toList()).containsExactly(2, 20);
    }
}
