package dev.jtls.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.junit.jupiter.api.Test;

class DerTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void aSignatureBitStringHasNoUnusedBits() {
        // 1, 2 or 4 unused bits whose padding is zero: a valid named-bit BIT STRING (X.690 §11.2.1)...
        for (String bits : new String[] {"03 03 01 ab 00", "03 03 02 ab 00", "03 03 04 ab 00"}) {
            assertThat(Der.bitString(Der.single(hex(bits)))).containsExactly(0xab, 0x00);
            // ...but not the octets of a signature, which fill whole octets (RFC 5280 §4.1.1.3).
            assertThatThrownBy(() -> Der.octetBitString(Der.single(hex(bits)))).isInstanceOf(Der.Malformed.class)
                    .hasMessageContaining("unused bits");
        }
        assertThat(Der.octetBitString(Der.single(hex("03 03 00 ab 01")))).containsExactly(0xab, 0x01);
        assertThatThrownBy(() -> Der.octetBitString(Der.single(hex("04 02 00 ab")))).isInstanceOf(Der.Malformed.class);
        assertThatThrownBy(() -> Der.octetBitString(Der.single(hex("03 00")))).isInstanceOf(Der.Malformed.class);
    }

    @Test
    void readsSequenceOfIntegerOidBoolean() {
        // SEQUENCE { INTEGER 300, OID 2.5.29.19, BOOLEAN TRUE }
        Der seq = Der.single(hex("30 0c 02 02 01 2c 06 03 55 1d 13 01 01 ff")).reader();
        assertThat(seq.readInteger()).isEqualTo(BigInteger.valueOf(300));
        assertThat(seq.readOid()).isEqualTo("2.5.29.19");
        assertThat(seq.readBoolean()).isTrue();
        seq.expectEnd();
    }

    @Test
    void refusesNonDerEncodings() {
        assertThatThrownBy(() -> Der.single(hex("30 80 00 00"))).isInstanceOf(Der.Malformed.class)
                .hasMessageContaining("indefinite");
        assertThatThrownBy(() -> Der.single(hex("04 81 01 00"))).hasMessageContaining("shortest");
        assertThatThrownBy(() -> Der.single(hex("04 05 00"))).hasMessageContaining("runs past");
        assertThatThrownBy(() -> Der.single(hex("04 00 00"))).hasMessageContaining("unexpected bytes");
        assertThatThrownBy(() -> Der.integer(Der.single(hex("02 02 00 7f")))).hasMessageContaining("shortest");
        assertThatThrownBy(() -> Der.bool(Der.single(hex("01 01 01")))).hasMessageContaining("0xff");
        assertThatThrownBy(() -> Der.oid(Der.single(hex("06 02 80 01")))).hasMessageContaining("0x80");
        assertThatThrownBy(() -> Der.bitString(Der.single(hex("03 02 01 01")))).hasMessageContaining("unused bits");
    }

    @Test
    void namedBitsCountFromTheTopBit() {
        // keyUsage digitalSignature(0) + keyCertSign(5): 03 02 01 84? bits 0 and 5 -> 0x84, 2 unused
        boolean[] bits = Der.namedBits(Der.single(hex("03 02 02 84")));
        assertThat(bits[0]).isTrue();
        assertThat(bits[5]).isTrue();
        assertThat(bits[1]).isFalse();
    }

    @Property
    void integersMatchBouncyCastle(@ForAll BigInteger value) throws Exception {
        byte[] der = new ASN1Integer(value).getEncoded();
        assertThat(Der.integer(Der.single(der))).isEqualTo(value);
    }

    @Property
    void oidsMatchBouncyCastle(@ForAll("arcs") long a, @ForAll("arcs") long b) throws Exception {
        String oid = "1.3." + a + "." + b;
        byte[] der = new ASN1ObjectIdentifier(oid).getEncoded();
        assertThat(Der.oid(Der.single(der))).isEqualTo(oid);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Long> arcs() {
        return net.jqwik.api.Arbitraries.longs().between(0, Long.MAX_VALUE);
    }

    @Property
    void anyBytesGiveAnElementOrMalformed(@ForAll byte[] input) {
        try {
            Der r = Der.of(input);
            while (r.hasMore()) {
                Der.Element e = r.read();
                assertThat(e.offset() + e.length()).isLessThanOrEqualTo(input.length);
            }
        } catch (Der.Malformed expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
