package dev.jtls.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtls.suite.CipherSuite;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs every handshake, resumption, bulk and floor benchmark outside JMH, a few ops each, in this
 * one JVM: each op's own checks (suite, group, scheme, resumed or not, bytes delivered) must pass,
 * and a check that should fail does. Keeps the tables compiling and measuring what they claim.
 *
 * <p>One JVM means one set of JVM-wide JSSE properties: SunJSSE's groups are fixed to secp256r1
 * (before JDK 20 it takes them only from jdk.tls.namedGroups, read once), so on such a JDK its
 * x25519 row must be refused by the wire check; and SunJSSE's tickets are off (the JMH fork of
 * {@link TicketResumptionBench} turns them on), so its ticket benchmark must refuse to run here.
 */
class TlsBenchmarksTest {
    private static final boolean SUN_GROUPS_PER_ENGINE = hasNamedGroupsSetter();

    /**
     * SunJSSE reads jdk.tls.namedGroups once: it reads secp256r1 here, in its first handshake; then
     * the property goes, so that BCJSSE contexts (which read it per context) keep all groups.
     */
    @BeforeAll
    static void jsseProperties() throws Exception {
        Jsse.preferGroup("sunjsse", "secp256r1");
        HandshakeBench first = new HandshakeBench();
        first.impl = "sunjsse";
        first.row = "ECDHE_RSA_P256";
        first.setup();
        System.clearProperty("jdk.tls.namedGroups");
    }

    private static boolean hasNamedGroupsSetter() {
        try {
            javax.net.ssl.SSLParameters.class.getMethod("setNamedGroups", String[].class);
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "jtls, ECDHE_RSA_P256", "jtls, ECDHE_RSA_X25519", "jtls, ECDHE_ECDSA_P256", "jtls, RSA",
        "sunjsse, ECDHE_RSA_P256", "sunjsse, ECDHE_ECDSA_P256", "sunjsse, RSA",
        "bcjsse, ECDHE_RSA_P256", "bcjsse, ECDHE_RSA_X25519", "bcjsse, ECDHE_ECDSA_P256", "bcjsse, RSA",
        "bcjsse_jca, ECDHE_RSA_P256", "bcjsse_jca, ECDHE_RSA_X25519", "bcjsse_jca, ECDHE_ECDSA_P256", "bcjsse_jca, RSA",
        "jtls_jsse, ECDHE_RSA_P256", "jtls_jsse, ECDHE_RSA_X25519", "jtls_jsse, ECDHE_ECDSA_P256", "jtls_jsse, RSA",
    })
    void fullHandshakes(String impl, String row) throws Exception {
        HandshakeBench b = new HandshakeBench();
        b.impl = impl;
        b.row = row;
        b.setup();
        int suite = Row.valueOf(row).suite.code();
        for (int i = 0; i < 3; i++) {
            assertThat(b.full()).isEqualTo(suite);
        }
    }

    @Test
    void sunJsseX25519NeedsItsOwnJvmBeforeJdk20() throws Exception {
        HandshakeBench b = new HandshakeBench();
        b.impl = "sunjsse";
        b.row = "ECDHE_RSA_X25519";
        if (SUN_GROUPS_PER_ENGINE) {
            b.setup();
            assertThat(b.full()).isEqualTo(Row.ECDHE_RSA_X25519.suite.code());
        } else {
            assertThatThrownBy(b::setup).hasMessageContaining("negotiated group 0x0017, expected 0x001d");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jtls", "jtls_jsse", "sunjsse", "bcjsse", "bcjsse_jca"})
    void sessionIdResumption(String impl) throws Exception {
        ResumptionBench b = new ResumptionBench();
        b.impl = impl;
        b.setup();
        for (int i = 0; i < 3; i++) {
            assertThat(b.sessionId()).isEqualTo(ResumptionBench.SUITE.code());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jtls", "jtls_jsse"})
    void ticketResumption(String impl) throws Exception {
        TicketResumptionBench b = new TicketResumptionBench();
        b.impl = impl;
        b.setup();
        for (int i = 0; i < 3; i++) {
            assertThat(b.ticket()).isEqualTo(ResumptionBench.SUITE.code());
        }
        TicketResumptionBench sun = new TicketResumptionBench();
        sun.impl = "sunjsse";
        assertThatThrownBy(sun::setup).hasMessageContaining("tickets are off in this JVM");
    }

    @Test
    void aFullHandshakeIsNotTakenForAResumedOne() throws Exception {
        Stack full = Stack.of("jtls", Row.ECDHE_RSA_P256, Stack.Mode.FULL);
        Conversation c = new Conversation();
        full.handshake(c);
        assertThatThrownBy(() -> c.wire.require(full.suite.code(), -1, -1, true))
                .hasMessageContaining("expected a resumed handshake, got a full one");
        Stack resumed = Stack.of("sunjsse", Row.ECDHE_RSA_P256, Stack.Mode.RESUME_ID);
        resumed.handshake(c);
        assertThatThrownBy(() -> c.wire.require(full.suite.code(), -1, -1, false))
                .hasMessageContaining("expected a full handshake, the session was resumed");
        assertThatThrownBy(() -> c.wire.require(CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256.code(), -1, -1, true))
                .hasMessageContaining("negotiated suite 0xc02f, expected 0x009c");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "jtls, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "jtls, TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        "sunjsse, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        "bcjsse, TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        "bcjsse_jca, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        "jtls_jsse, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
    })
    void bulkDelivers(String impl, String suite) throws Exception {
        BulkBench b = new BulkBench();
        b.impl = impl;
        b.suite = suite;
        b.size = 16384;
        b.setup();
        for (int i = 0; i < 5; i++) {
            assertThat(b.transfer()).isEqualTo(16384);
        }
    }

    @Test
    void bulkMeasuresNoCbcSuite() throws Exception {
        String[] suites = BulkBench.class.getField("suite").getAnnotation(org.openjdk.jmh.annotations.Param.class).value();
        assertThat(suites).isNotEmpty().noneMatch(s -> s.contains("CBC"));
    }

    @ParameterizedTest(name = "{0} encrypt-then-MAC {1}")
    @CsvSource({"jtls, true", "jtls_mte, false", "sunjsse, false", "bcjsse, true", "bcjsse_jca, true"})
    void cbcBulkDeliversWithTheConstructionItsRowClaims(String impl, boolean encryptThenMac) throws Exception {
        CbcBulkBench b = new CbcBulkBench();
        b.impl = impl;
        b.suite = "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA";
        b.size = 16384;
        b.setup();
        for (int i = 0; i < 5; i++) {
            assertThat(b.transfer()).isEqualTo(16384);
        }
        // RFC 7366: jtls and BCJSSE negotiate encrypt_then_mac with themselves; SunJSSE has none;
        // jtls_mte turns it off on both sides; BCJSSE negotiates it over the JDK's JCA too.
        assertThat(b.encryptThenMac()).as(impl).isEqualTo(encryptThenMac);
        assertThat(CbcBulkBench.ENCRYPT_THEN_MAC.contains(impl)).isEqualTo(encryptThenMac);
    }

    @Test
    void cbcBulkRefusesARowWhoseConstructionIsNotTheOneClaimed() {
        // jtls through its JSSE provider negotiates encrypt_then_mac with itself, but is not in
        // ENCRYPT_THEN_MAC: the row would claim MAC-then-encrypt, so setup refuses it.
        CbcBulkBench b = new CbcBulkBench();
        b.impl = "jtls_jsse";
        b.suite = "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA";
        b.size = 16384;
        assertThatThrownBy(b::setup).hasMessageContaining("acknowledged encrypt_then_mac");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jtls", "jtls_jsse", "sunjsse", "bcjsse"})
    void chachaBulkDelivers(String impl) throws Exception {
        ChaChaBulkBench b = new ChaChaBulkBench();
        b.impl = impl;
        b.suite = "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256";
        b.size = 16384;
        b.setup();
        for (int i = 0; i < 5; i++) {
            assertThat(b.transfer()).isEqualTo(16384);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"})
    void gcmPrimitiveRoundTrips(String suite) throws Exception {
        GcmPrimitiveBench b = new GcmPrimitiveBench();
        b.impl = "jca_primitive";
        b.suite = suite;
        b.size = 16384;
        b.setup(); // checks the plaintext comes back
        for (int i = 0; i < 5; i++) {
            assertThat(b.sealOpen()).isEqualTo(16384);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ECDHE_RSA_P256", "ECDHE_RSA_X25519", "ECDHE_ECDSA_P256", "RSA"})
    void floorsRun(String row) throws Exception {
        FloorBench b = new FloorBench();
        b.row = row;
        b.setup();
        b.publicKeyOps();
        b.publicKeyOps();
    }
}
