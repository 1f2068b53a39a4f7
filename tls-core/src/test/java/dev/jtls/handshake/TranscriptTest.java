package dev.jtls.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtls.crypto.CryptoProvider;
import dev.jtls.crypto.CryptoProviders;
import dev.jtls.crypto.HashAlgorithm;
import dev.jtls.record.HandshakeFrame;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class TranscriptTest {
    private static final CryptoProvider BC = CryptoProviders.bouncyCastle();
    private static final List<CryptoProvider> PROVIDERS =
            List.of(BC, CryptoProviders.jca(), CryptoProviders.defaults());

    static byte[] jdkHash(HashAlgorithm alg, byte[] data) throws Exception {
        return MessageDigest.getInstance(alg.jcaName()).digest(data);
    }

    static byte[] message(int type, int length, int fill) {
        byte[] m = new byte[4 + length];
        m[0] = (byte) type;
        m[1] = (byte) (length >>> 16);
        m[2] = (byte) (length >>> 8);
        m[3] = (byte) length;
        for (int i = 4; i < m.length; i++) {
            m[i] = (byte) (fill + i);
        }
        return m;
    }

    @Test
    void knownAnswerOverTwoMessagesForBothPrfHashes() {
        // FIPS 180-4 example "abc" split across a buffered part and a hashed part.
        for (CryptoProvider p : PROVIDERS) {
            Transcript t256 = new Transcript();
            t256.add(new byte[] {'a'});
            t256.selectHash(p, HashAlgorithm.SHA256);
            t256.add(new byte[] {'b', 'c'});
            assertThat(HexFormat.of().formatHex(t256.hash()))
                    .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
            Transcript t384 = new Transcript();
            t384.add(new byte[] {'a', 'b'});
            t384.selectHash(p, HashAlgorithm.SHA384);
            t384.add(new byte[] {'c'});
            assertThat(HexFormat.of().formatHex(t384.hash())).isEqualTo(
                    "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
                            + "8086072ba1e7cc2358baeca134c825a7");
        }
    }

    @Property(tries = 100)
    void hashIsTheHashOfAllMessagesWhereverTheHashIsSelected(
            @ForAll @Size(min = 1, max = 6) List<@Size(max = 300) byte[]> messages,
            @ForAll @IntRange(min = 0, max = 6) int selectAt, @ForAll boolean sha384,
            @ForAll boolean release) throws Exception {
        HashAlgorithm alg = sha384 ? HashAlgorithm.SHA384 : HashAlgorithm.SHA256;
        Transcript t = new Transcript();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        int at = Math.min(selectAt, messages.size());
        for (int i = 0; i < messages.size(); i++) {
            if (i == at) {
                t.selectHash(BC, alg);
                if (release) {
                    t.releaseRaw();
                }
            }
            t.add(messages.get(i));
            all.write(messages.get(i));
            if (t.hashSelected()) {
                // The hash so far, taken repeatedly, never disturbs the running state.
                assertThat(t.hash()).isEqualTo(jdkHash(alg, all.toByteArray()));
                assertThat(t.hash()).isEqualTo(jdkHash(alg, all.toByteArray()));
            }
        }
        if (!t.hashSelected()) {
            t.selectHash(BC, alg);
        }
        assertThat(t.hash()).isEqualTo(jdkHash(alg, all.toByteArray()));
        assertThat(t.length()).isEqualTo(all.size());
        if (t.keepsRaw()) {
            assertThat(t.rawMessages()).isEqualTo(all.toByteArray());
        }
    }

    @Test
    void forksAreIndependentInBothDirections() throws Exception {
        byte[] a = message(1, 70, 1);
        byte[] b = message(2, 40, 2);
        byte[] c = message(11, 900, 3);
        byte[] d = message(14, 0, 0);
        Transcript t = new Transcript();
        t.add(a);
        Transcript unhashedFork = t.fork();
        t.add(new HandshakeFrame(b));
        t.selectHash(BC, HashAlgorithm.SHA256);
        Transcript fork = t.fork();
        t.add(c);
        fork.add(d);
        assertThat(t.hash()).isEqualTo(jdkHash(HashAlgorithm.SHA256, concat(a, b, c)));
        assertThat(fork.hash()).isEqualTo(jdkHash(HashAlgorithm.SHA256, concat(a, b, d)));
        assertThat(fork.rawMessages()).isEqualTo(concat(a, b, d));
        assertThat(t.rawMessages()).isEqualTo(concat(a, b, c));
        fork.releaseRaw();
        assertThat(t.keepsRaw()).isTrue();
        assertThat(t.fork().keepsRaw()).isTrue();
        assertThat(fork.fork().keepsRaw()).isFalse();
        // A fork taken before the hash was selected still buffers, and can choose another hash.
        assertThat(unhashedFork.hashSelected()).isFalse();
        unhashedFork.selectHash(BC, HashAlgorithm.SHA384);
        assertThat(unhashedFork.hash()).isEqualTo(jdkHash(HashAlgorithm.SHA384, a));
    }

    @Test
    void offsetAndLengthAreHonoured() throws Exception {
        byte[] big = message(1, 20, 5);
        Transcript t = new Transcript();
        t.add(big, 3, 10);
        t.selectHash(BC, HashAlgorithm.SHA256);
        assertThat(t.hash()).isEqualTo(jdkHash(HashAlgorithm.SHA256, java.util.Arrays.copyOfRange(big, 3, 13)));
        assertThatThrownBy(() -> t.add(big, 20, 10)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void misuseIsRefused() {
        Transcript t = new Transcript();
        t.add(message(1, 10, 0));
        assertThatThrownBy(t::hash).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(t::hashAlgorithm).isInstanceOf(IllegalStateException.class);
        // Releasing before the hash is chosen would lose ClientHello.
        assertThatThrownBy(t::releaseRaw).isInstanceOf(IllegalStateException.class);
        t.selectHash(BC, HashAlgorithm.SHA256);
        assertThat(t.hashAlgorithm()).isEqualTo(HashAlgorithm.SHA256);
        assertThatThrownBy(() -> t.selectHash(BC, HashAlgorithm.SHA384)).isInstanceOf(IllegalStateException.class);
        t.releaseRaw();
        assertThat(t.keepsRaw()).isFalse();
        assertThatThrownBy(t::rawMessages).isInstanceOf(IllegalStateException.class);
        t.add(message(2, 10, 0));
        assertThat(t.hash()).hasSize(32);
    }

    @Test
    void toStringShowsNoMessageBytes() {
        Transcript t = new Transcript();
        t.add(message(1, 8, 0x41));
        assertThat(t.toString()).isEqualTo("Transcript[unhashed, 12 raw bytes]");
        t.selectHash(BC, HashAlgorithm.SHA256);
        t.releaseRaw();
        assertThat(t.toString()).isEqualTo("Transcript[SHA256, raw released]");
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
