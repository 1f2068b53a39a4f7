package dev.jtls.handshake.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.config.TlsConfig;
import dev.jtls.suite.CipherSuite;
import dev.jtls.message.Bytes;
import dev.jtls.message.CipherSuiteId;
import dev.jtls.message.ClientHello;
import dev.jtls.message.ClientHelloExtensions;
import dev.jtls.message.CompressionMethod;
import dev.jtls.message.SessionTicket;
import dev.jtls.record.ProtocolVersion;
import dev.jtls.session.Session;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Finding the session a ClientHello asks for: a ticket this server can open first (RFC 5077 §3.4),
 * then the session id (RFC 5246 §7.4.1.2); nothing else is a candidate.
 */
class ResumptionCandidateTest {
    static final CipherSuite SUITE = CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256;

    static Session session(TlsConfig config, int fill) {
        byte[] id = new byte[32];
        Arrays.fill(id, (byte) fill);
        byte[] secret = new byte[48];
        Arrays.fill(secret, (byte) (fill + 1));
        return Session.builder().id(id).cipherSuite(SUITE).masterSecret(secret).extendedMasterSecret(true)
                .creationTime(config.clock().instant()).lifetime(Duration.ofHours(1)).build();
    }

    static ClientHello hello(Bytes sessionId, Bytes ticket) {
        ClientHelloExtensions.Builder ext = ClientHelloExtensions.builder().extendedMasterSecret(true);
        if (ticket != null) {
            ext.sessionTicket(new SessionTicket(ticket));
        }
        return new ClientHello(ProtocolVersion.TLS1_2, Bytes.of(new byte[32]), sessionId,
                List.of(CipherSuiteId.of(SUITE.code())), List.of(CompressionMethod.NULL), ext.build());
    }

    static ResumptionCandidate find(TlsConfig config, ClientHello hello) {
        return ResumptionCandidate.find(config, hello, hello.extensionsOrEmpty());
    }

    @Test
    void aTicketThisServerCanOpenComesBeforeTheSessionId() {
        TlsConfig config = SunJsseClientTest.serverConfig().build();
        Session cached = session(config, 1);
        Session sealed = session(config, 2);
        assertThat(config.serverSessionCache().put(cached)).isTrue();
        Bytes ticket = Bytes.of(config.ticketSealer().seal(sealed).orElseThrow());

        ResumptionCandidate both = find(config, hello(Bytes.of(cached.id()), ticket));
        assertThat(both.session().id()).isEqualTo(sealed.id());
        assertThat(both.renewTicket()).isFalse();
        // A ticket it cannot open (RFC 5077 §3.4: "MAY ... perform a full handshake"): the id is looked up.
        ResumptionCandidate badTicket = find(config, hello(Bytes.of(cached.id()), Bytes.of(new byte[64])));
        assertThat(badTicket.session().id()).isEqualTo(cached.id());
        // An empty ticket only asks for one.
        assertThat(find(config, hello(Bytes.EMPTY, Bytes.EMPTY))).isNull();
        assertThat(find(config, hello(Bytes.of(new byte[32]), null))).isNull();
    }

    @Test
    void whatTheConfigurationTurnsOffIsNotLookedUp() {
        TlsConfig noTickets = SunJsseClientTest.serverConfig().sessionTickets(false).build();
        Session cached = session(noTickets, 3);
        noTickets.serverSessionCache().put(cached);
        Bytes ticket = Bytes.of(noTickets.ticketSealer().seal(session(noTickets, 4)).orElseThrow());
        assertThat(find(noTickets, hello(Bytes.of(cached.id()), ticket)).session().id()).isEqualTo(cached.id());
        assertThat(find(noTickets, hello(Bytes.EMPTY, ticket))).isNull();

        TlsConfig noIds = SunJsseClientTest.serverConfig().sessionIdResumption(false).build();
        Session unused = session(noIds, 5);
        noIds.serverSessionCache().put(unused);
        assertThat(find(noIds, hello(Bytes.of(unused.id()), null))).isNull();
    }
}
