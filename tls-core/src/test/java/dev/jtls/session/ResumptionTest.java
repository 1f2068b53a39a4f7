package dev.jtls.session;

import static dev.jtls.session.Resumption.Decision.ABORT_ENCRYPT_THEN_MAC_DOWNGRADE;
import static dev.jtls.session.Resumption.Decision.ABORT_EXTENDED_MASTER_SECRET_MISMATCH;
import static dev.jtls.session.Resumption.Decision.ABORT_SUITE_MISMATCH;
import static dev.jtls.session.Resumption.Decision.FULL_HANDSHAKE;
import static dev.jtls.session.Resumption.Decision.RESUME;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.suite.CipherSuite;
import dev.jtls.record.AlertDescription;
import dev.jtls.record.ProtocolVersion;
import dev.jtls.session.Resumption.ClientHelloFacts;
import dev.jtls.session.Resumption.Decision;
import dev.jtls.session.Resumption.ServerHelloFacts;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResumptionTest {
    private static final CipherSuite SUITE = CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256;
    private static final CipherSuite OTHER = CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384;
    private static final List<CipherSuite> ALL = CipherSuite.defaultOrder();
    private static final ProtocolVersion V12 = ProtocolVersion.TLS1_2;

    private static Session session(boolean ems, String sni) {
        return Sessions.base(1, Instant.EPOCH).cipherSuite(SUITE).extendedMasterSecret(ems).serverName(sni).build();
    }

    private static ClientHelloFacts hello(List<CipherSuite> suites, boolean ems, String sni) {
        return new ClientHelloFacts(suites, V12, sni, ems);
    }

    private static Decision server(Session s, ClientHelloFacts h) {
        return Resumption.server(s, h, ALL);
    }

    @Test
    void serverResumesWhenEverythingMatches() {
        assertThat(server(session(true, "a.example"), hello(List.of(OTHER, SUITE), true, "a.example"))).isEqualTo(RESUME);
        assertThat(server(session(true, null), hello(List.of(SUITE), true, null))).isEqualTo(RESUME);
        // RFC 4343: DNS names compare case-insensitively.
        assertThat(server(session(true, "a.example"), hello(List.of(SUITE), true, "A.Example"))).isEqualTo(RESUME);
    }

    @Test
    void serverEmsTableOfRfc7627Section5_3() {
        List<CipherSuite> suites = List.of(SUITE);
        // original EMS, new hello EMS: resume
        assertThat(server(session(true, null), hello(suites, true, null))).isEqualTo(RESUME);
        // original EMS, new hello without: MUST abort (handshake_failure, as tlsfuzzer expects)
        assertThat(server(session(true, null), hello(suites, false, null))).isEqualTo(ABORT_EXTENDED_MASTER_SECRET_MISMATCH);
        // original without, new hello EMS: MUST NOT resume, SHOULD do a full handshake
        assertThat(server(session(false, null), hello(suites, true, null))).isEqualTo(FULL_HANDSHAKE);
        // neither: SHOULD abort
        assertThat(server(session(false, null), hello(suites, false, null))).isEqualTo(ABORT_EXTENDED_MASTER_SECRET_MISMATCH);
    }

    @Test
    void serverSuiteRules() {
        // RFC 5246 §7.4.1.2: the hello MUST include the session's suite; tlsfuzzer expects illegal_parameter.
        assertThat(server(session(true, null), hello(List.of(OTHER), true, null))).isEqualTo(ABORT_SUITE_MISMATCH);
        assertThat(server(session(true, null), hello(List.of(), true, null))).isEqualTo(ABORT_SUITE_MISMATCH);
        // Offered but no longer enabled here: full handshake.
        assertThat(Resumption.server(session(true, null), hello(List.of(SUITE, OTHER), true, null), List.of(OTHER)))
                .isEqualTo(FULL_HANDSHAKE);
    }

    @Test
    void serverSniRulesOfRfc6066Section3() {
        List<CipherSuite> suites = List.of(SUITE);
        assertThat(server(session(true, "a.example"), hello(suites, true, "www.a.example"))).isEqualTo(FULL_HANDSHAKE);
        assertThat(server(session(true, "a.example"), hello(suites, true, null))).isEqualTo(FULL_HANDSHAKE);
        assertThat(server(session(true, null), hello(suites, true, "a.example"))).isEqualTo(FULL_HANDSHAKE);
    }

    @Test
    void serverVersionMustMatch() {
        ClientHelloFacts h = new ClientHelloFacts(List.of(SUITE), ProtocolVersion.TLS1_1, null, true);
        assertThat(server(session(true, null), h)).isEqualTo(FULL_HANDSHAKE);
    }

    @Test
    void serverExhaustiveTableNeverResumesOnAMismatch() {
        // Every combination: RESUME only when suite offered and enabled, EMS on both, same SNI.
        for (boolean sessionEms : new boolean[] {true, false}) {
            for (boolean helloEms : new boolean[] {true, false}) {
                for (boolean offered : new boolean[] {true, false}) {
                    for (boolean enabled : new boolean[] {true, false}) {
                        for (String sni : new String[] {"a.example", "b.example", null}) {
                            Session s = session(sessionEms, "a.example");
                            ClientHelloFacts h = hello(offered ? List.of(SUITE) : List.of(OTHER), helloEms, sni);
                            Decision d = Resumption.server(s, h, enabled ? ALL : List.of(OTHER));
                            boolean shouldResume = sessionEms && helloEms && offered && enabled && "a.example".equals(sni);
                            assertThat(d == RESUME).as("%s %s %s %s %s", sessionEms, helloEms, offered, enabled, sni)
                                    .isEqualTo(shouldResume);
                            if (!offered) {
                                assertThat(d).isEqualTo(ABORT_SUITE_MISMATCH);
                            } else if (sessionEms && !helloEms) {
                                assertThat(d).isEqualTo(ABORT_EXTENDED_MASTER_SECRET_MISMATCH);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void clientOffersOnlyEmsSessionsInEmsHellos() {
        List<CipherSuite> suites = List.of(SUITE, OTHER);
        assertThat(Resumption.clientShouldOffer(session(true, "a.example"), hello(suites, true, "a.example"))).isTrue();
        assertThat(Resumption.clientShouldOffer(session(false, "a.example"), hello(suites, true, "a.example"))).isFalse();
        assertThat(Resumption.clientShouldOffer(session(true, "a.example"), hello(suites, false, "a.example"))).isFalse();
        assertThat(Resumption.clientShouldOffer(session(true, "a.example"), hello(List.of(OTHER), true, "a.example"))).isFalse();
        assertThat(Resumption.clientShouldOffer(session(true, "a.example"), hello(suites, true, "b.example"))).isFalse();
        assertThat(Resumption.clientShouldOffer(session(true, "a.example"),
                new ClientHelloFacts(suites, ProtocolVersion.TLS1_1, "a.example", true))).isFalse();
    }

    @Test
    void clientEmsTableOfRfc7627Section5_3() {
        assertThat(Resumption.client(session(true, null), new ServerHelloFacts(SUITE, V12, true))).isEqualTo(RESUME);
        // original EMS, ServerHello without: MUST abort
        assertThat(Resumption.client(session(true, null), new ServerHelloFacts(SUITE, V12, false)))
                .isEqualTo(ABORT_EXTENDED_MASTER_SECRET_MISMATCH);
        // original without, ServerHello with: MUST abort
        assertThat(Resumption.client(session(false, null), new ServerHelloFacts(SUITE, V12, true)))
                .isEqualTo(ABORT_EXTENDED_MASTER_SECRET_MISMATCH);
    }

    @Test
    void clientRefusesAResumptionWithOtherParameters() {
        // RFC 5246 §7.4.1.3: a resumed session keeps its suite and version.
        assertThat(Resumption.client(session(true, null), new ServerHelloFacts(OTHER, V12, true)))
                .isEqualTo(ABORT_SUITE_MISMATCH);
        assertThat(Resumption.client(session(true, null), new ServerHelloFacts(SUITE, ProtocolVersion.TLS1_1, true)))
                .isEqualTo(ABORT_SUITE_MISMATCH);
    }

    private static Session cbcSession(boolean etm) {
        return Sessions.base(1, Instant.EPOCH).cipherSuite(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA)
                .encryptThenMac(etm).build();
    }

    @Test
    void serverResumesOnlyWithTheSessionsRecordProtection() {
        // RFC 7366 §3.1: the session's encrypt-then-MAC state is kept; otherwise a full handshake.
        assertThat(Resumption.serverEncryptThenMac(cbcSession(true), true)).isEqualTo(RESUME);
        assertThat(Resumption.serverEncryptThenMac(cbcSession(false), false)).isEqualTo(RESUME);
        assertThat(Resumption.serverEncryptThenMac(cbcSession(true), false)).isEqualTo(FULL_HANDSHAKE);
        assertThat(Resumption.serverEncryptThenMac(cbcSession(false), true)).isEqualTo(FULL_HANDSHAKE);
        assertThat(Resumption.serverEncryptThenMac(session(true, null), false)).isEqualTo(RESUME);
    }

    @Test
    void clientNeverDowngradesAnEncryptThenMacSession() {
        assertThat(Resumption.clientShouldOfferEncryptThenMac(cbcSession(true), true)).isTrue();
        assertThat(Resumption.clientShouldOfferEncryptThenMac(cbcSession(true), false)).isFalse();
        assertThat(Resumption.clientShouldOfferEncryptThenMac(cbcSession(false), false)).isTrue();
        assertThat(Resumption.clientShouldOfferEncryptThenMac(cbcSession(false), true)).isTrue();
        assertThat(Resumption.clientEncryptThenMac(cbcSession(true), true)).isEqualTo(RESUME);
        assertThat(Resumption.clientEncryptThenMac(cbcSession(true), false)).isEqualTo(ABORT_ENCRYPT_THEN_MAC_DOWNGRADE);
        assertThat(Resumption.clientEncryptThenMac(cbcSession(false), false)).isEqualTo(RESUME);
        // MAC-then-encrypt to encrypt-then-MAC is an upgrade (servers that decide it per connection).
        assertThat(Resumption.clientEncryptThenMac(cbcSession(false), true)).isEqualTo(RESUME);
    }

    @Test
    void decisionsMapToReasons() {
        assertThat(RESUME.reason()).isNull();
        assertThat(FULL_HANDSHAKE.reason()).isNull();
        assertThat(ABORT_EXTENDED_MASTER_SECRET_MISMATCH.reason().alert()).isEqualTo(AlertDescription.HANDSHAKE_FAILURE);
        assertThat(ABORT_ENCRYPT_THEN_MAC_DOWNGRADE.reason().alert()).isEqualTo(AlertDescription.HANDSHAKE_FAILURE);
        assertThat(ABORT_SUITE_MISMATCH.reason().alert()).isEqualTo(AlertDescription.ILLEGAL_PARAMETER);
        for (Decision d : Decision.values()) {
            assertThat(d.reason() == null).isEqualTo(d == RESUME || d == FULL_HANDSHAKE);
        }
    }
}
