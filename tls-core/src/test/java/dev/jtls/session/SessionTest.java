package dev.jtls.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtls.suite.CipherSuite;
import dev.jtls.record.AlertDescription;
import dev.jtls.record.ProtocolVersion;
import dev.jtls.record.TlsAlertException;
import dev.jtls.record.TlsReader;
import dev.jtls.record.TlsWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static byte[] encode(Session s) {
        TlsWriter w = new TlsWriter();
        s.encode(w);
        return w.toByteArray();
    }

    private static Session decode(byte[] b) {
        return TlsReader.readAll(b, "session", Session::decode);
    }

    @Test
    void encodingIsPinned() {
        // The ticket format is persistent state: a change must be deliberate (and bump FORMAT_VERSION).
        Session s = Session.builder()
                .id(new byte[] {1, 2})
                .cipherSuite(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256)
                .masterSecret(new byte[48])
                .extendedMasterSecret(true)
                .peerCertificates(List.of(new byte[] {(byte) 0xaa}))
                .serverName("a")
                .applicationProtocol("h2")
                .creationTime(Instant.ofEpochMilli(0x0102030405L))
                .lifetime(Duration.ofSeconds(7200))
                .build();
        String expected = "01" + "0303" + "c02b" + "020102" + "00".repeat(48) + "01"
                + "0000000102030405" + "00001c20" + "000161" + "026832"
                + "000004" + "000001aa" + "000000";
        assertThat(HexFormat.of().formatHex(encode(s))).isEqualTo(expected);
        assertThat(decode(encode(s))).isEqualTo(s);
    }

    @Test
    void aKeysChainIsTheSessionsLocalChainAndStillHandedOutAsCopies() throws Exception {
        dev.jtls.testing.TestCerts.Issued ca = dev.jtls.testing.TestCerts.ca("session test CA",
                dev.jtls.testing.TestCerts.Kind.EC_P256);
        dev.jtls.testing.TestCerts.Issued leaf = dev.jtls.testing.TestCerts.leaf(ca, "localhost",
                dev.jtls.testing.TestCerts.Kind.EC_P256, List.of("localhost"));
        dev.jtls.pki.CertifiedKey key = new dev.jtls.pki.CertifiedKey(
                List.of(leaf.certificate(), ca.certificate()), leaf.privateKey());
        Session s = Sessions.base(2, T0).localCertificates(key).build();
        List<byte[]> chain = s.localCertificates();
        assertThat(chain).hasSize(2);
        assertThat(chain.get(0)).isEqualTo(leaf.certificate().getEncoded()).isNotSameAs(key.encodedChain().get(0));
        chain.get(0)[0] ^= 1;
        assertThat(s.localCertificates().get(0)).isEqualTo(leaf.certificate().getEncoded());
        // A session built from the key's chain equals one built from copies of it, and survives encoding.
        Session copied = Sessions.base(2, T0).localCertificates(List.of(leaf.certificate().getEncoded(), ca.certificate().getEncoded())).build();
        assertThat(s).isEqualTo(copied);
        assertThat(decode(encode(s))).isEqualTo(s);
        assertThat(s.toBuilder().id(new byte[] {9}).build().localCertificates().get(1)).isEqualTo(ca.certificate().getEncoded());
    }

    @Test
    void roundTripKeepsEveryField() {
        Session s = Sessions.base(7, T0.plusNanos(123_456_789))
                .localCertificates(List.of(new byte[] {1}, new byte[300]))
                .build();
        Session back = decode(encode(s));
        assertThat(back).isEqualTo(s);
        assertThat(back.masterSecret()).isEqualTo(Sessions.secret(7));
        assertThat(back.peerCertificates()).hasSize(2);
        assertThat(back.localCertificates().get(1)).hasSize(300);
        assertThat(back.serverName()).isEqualTo("example.com");
        assertThat(back.applicationProtocol()).isEqualTo("h2");
        // Creation time is kept to the millisecond.
        assertThat(back.creationTime()).isEqualTo(T0.plusMillis(123));
    }

    @Test
    void absentNamesRoundTrip() {
        Session s = Sessions.base(1, T0).serverName(null).applicationProtocol(null)
                .peerCertificates(List.of()).id(new byte[0]).build();
        assertThat(decode(encode(s))).isEqualTo(s);
        assertThat(decode(encode(s)).serverName()).isNull();
    }

    @Test
    void toStringNeverShowsTheMasterSecret() {
        byte[] secret = new byte[48];
        for (int i = 0; i < 48; i++) {
            secret[i] = (byte) 0xab;
        }
        Session s = Sessions.base(1, T0).masterSecret(secret).build();
        assertThat(s.toString()).doesNotContain("abab").doesNotContain("ABAB").contains("example.com");
    }

    @Test
    void isImmutable() {
        byte[] id = Sessions.id(3);
        byte[] secret = Sessions.secret(3);
        Session s = Sessions.base(3, T0).id(id).masterSecret(secret).build();
        id[0] ^= 1;
        secret[0] ^= 1;
        s.id()[1] ^= 1;
        s.masterSecret()[1] ^= 1;
        s.peerCertificates().get(0)[0] ^= 1;
        assertThat(s.id()).isEqualTo(Sessions.id(3));
        assertThat(s.masterSecret()).isEqualTo(Sessions.secret(3));
        assertThat(s.peerCertificates().get(0)[0]).isEqualTo((byte) 0x30);
    }

    @Test
    void validityWindow() {
        Session s = Sessions.base(1, T0).lifetime(Duration.ofSeconds(10)).build();
        assertThat(s.isValidAt(T0)).isTrue();
        assertThat(s.isValidAt(T0.plusSeconds(10).minusMillis(1))).isTrue();
        assertThat(s.isValidAt(T0.plusSeconds(10))).isFalse();
        assertThat(s.isValidAt(T0.minusMillis(1))).isFalse();
    }

    @Test
    void resumableOnlyWithExtendedMasterSecret() {
        assertThat(Sessions.base(1, T0).build().isResumable()).isTrue();
        assertThat(Sessions.base(1, T0).extendedMasterSecret(false).build().isResumable()).isFalse();
    }

    @Test
    void builderRejectsOutOfRangeFields() {
        assertThatThrownBy(() -> Sessions.base(1, T0).id(new byte[33]).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Sessions.base(1, T0).masterSecret(new byte[47]).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Sessions.base(1, T0).peerCertificates(List.of(new byte[0])).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Sessions.base(1, T0).serverName("").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Sessions.base(1, T0).applicationProtocol("x".repeat(256)).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Sessions.base(1, T0).serverName("\u0100").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Sessions.base(1, T0).lifetime(Duration.ofSeconds(-1)).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Sessions.base(1, T0).lifetime(Duration.ofSeconds(1L << 32)).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Sessions.base(1, T0).creationTime(Instant.EPOCH.minusMillis(1)).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Sessions.base(1, T0).cipherSuite(null).build())
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void decodeRefusesMalformedInput() {
        byte[] good = encode(Sessions.session(1, T0));
        assertDecodeError(with(good, 0, 2)); // unknown format version
        assertDecodeError(with(good, 3, 0xff)); // suite 0xc0ff unknown
        int flags = 1 + 2 + 2 + 33 + 48;
        assertDecodeError(with(good, flags, 0x05)); // reserved flag bit
        assertDecodeError(with(good, flags, 0x03)); // encrypt-then-MAC with an AEAD suite (RFC 7366 §3)
        assertDecodeError(with(good, flags + 1, 0x80)); // creation time negative as a signed long
        assertDecodeError(with(good, 5, 33)); // session id longer than 32
        for (int cut = 0; cut < good.length; cut++) {
            assertDecodeError(java.util.Arrays.copyOf(good, cut));
        }
        byte[] trailing = java.util.Arrays.copyOf(good, good.length + 1);
        assertDecodeError(trailing);
    }

    /** Flag 0x02: encrypt-then-MAC (RFC 7366), only with a CBC suite; the EMS-only encoding is unchanged. */
    @Test
    void encryptThenMacFlagRoundTrips() {
        CipherSuite cbc = CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA;
        Session etm = Sessions.base(3, T0).cipherSuite(cbc).encryptThenMac(true).build();
        Session mte = Sessions.base(3, T0).cipherSuite(cbc).build();
        assertThat(etm.encryptThenMac()).isTrue();
        assertThat(mte.encryptThenMac()).isFalse();
        int flags = 1 + 2 + 2 + 33 + 48;
        assertThat(encode(etm)[flags]).isEqualTo((byte) 0x03);
        assertThat(encode(mte)[flags]).isEqualTo((byte) 0x01);
        assertThat(decode(encode(etm))).isEqualTo(etm).isNotEqualTo(mte);
        assertThat(decode(encode(etm)).encryptThenMac()).isTrue();
        assertThat(decode(encode(mte)).encryptThenMac()).isFalse();
        assertThat(etm.toBuilder().build().encryptThenMac()).isTrue();
        assertThat(etm.toString()).contains("etm=true");
        assertThatThrownBy(() -> Sessions.base(3, T0).encryptThenMac(true).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void equalityCoversTheSecret() {
        Session a = Sessions.session(1, T0);
        Session b = Sessions.base(1, T0).masterSecret(Sessions.secret(2)).build();
        assertThat(a).isEqualTo(Sessions.session(1, T0)).hasSameHashCodeAs(Sessions.session(1, T0));
        assertThat(a).isNotEqualTo(b);
        assertThat(a).isNotEqualTo(Sessions.base(1, T0).protocolVersion(ProtocolVersion.TLS1_1).build());
    }

    private static byte[] with(byte[] b, int index, int value) {
        byte[] c = b.clone();
        c[index] = (byte) value;
        return c;
    }

    private static void assertDecodeError(byte[] b) {
        assertThatThrownBy(() -> decode(b))
                .isInstanceOfSatisfying(TlsAlertException.class,
                        e -> assertThat(e.description()).isEqualTo(AlertDescription.DECODE_ERROR));
    }
}
