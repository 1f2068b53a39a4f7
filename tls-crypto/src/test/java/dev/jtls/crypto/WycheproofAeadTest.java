package dev.jtls.crypto;

import static dev.jtls.crypto.AeadKnownAnswerTest.buffer;
import static dev.jtls.crypto.AeadKnownAnswerTest.contents;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Wycheproof AES-GCM and ChaCha20-Poly1305 vectors against every backend.
 *
 * <p>The {@link Aead} interface is TLS's: a 12-byte nonce, a 16-byte tag, and AES keys of 128 or
 * 256 bits (TLS 1.2 has no AES-192 GCM suite). Vectors outside that cannot be expressed through
 * it; they are counted as "not applicable", each with its reason, and every other vector must
 * pass. Neither file has an "acceptable" vector; one appearing would fail the test until decided
 * here.
 */
class WycheproofAeadTest {
    @Test
    void aesGcm() {
        run("aes_gcm_test.json.gz", c -> {
            int keyBits = c.group().get("keySize").getAsInt();
            return keyBits == 128 ? AeadAlgorithm.AES_128_GCM : keyBits == 256 ? AeadAlgorithm.AES_256_GCM : null;
        });
    }

    @Test
    void chacha20Poly1305() {
        run("chacha20_poly1305_test.json.gz", c -> AeadAlgorithm.CHACHA20_POLY1305);
    }

    interface AlgorithmOf {
        AeadAlgorithm of(Wycheproof.Case c);
    }

    private static void run(String file, AlgorithmOf algorithmOf) {
        List<Wycheproof.Case> cases = Wycheproof.cases(file);
        List<String> failures = new ArrayList<>();
        for (CryptoProvider p : Backends.all()) {
            Wycheproof.Tally tally = new Wycheproof.Tally(file, p.name());
            Map<String, Integer> notApplicable = new LinkedHashMap<>();
            for (Wycheproof.Case c : cases) {
                String reason = notApplicable(c, algorithmOf.of(c));
                if (reason != null) {
                    notApplicable.merge(reason, 1, Integer::sum);
                    String why = refusedNonce(p, algorithmOf.of(c), c);
                    if (why != null) {
                        failures.add(c + ": " + why);
                    }
                    continue;
                }
                String why = check(p, algorithmOf.of(c), c);
                if (why == null) {
                    tally.pass();
                } else {
                    tally.fail(c, why);
                }
            }
            failures.addAll(tally.report());
            System.out.printf("wycheproof %-44s %-8s %5d not applicable: %s%n", file, p.name(),
                    notApplicable.values().stream().mapToInt(Integer::intValue).sum(), notApplicable);
        }
        assertThat(failures).isEmpty();
    }

    private static String notApplicable(Wycheproof.Case c, AeadAlgorithm alg) {
        int ivBits = c.group().get("ivSize").getAsInt();
        int tagBits = c.group().get("tagSize").getAsInt();
        if (alg == null) {
            return c.group().get("keySize").getAsInt() + "-bit key (no TLS 1.2 AEAD suite uses it)";
        }
        if (ivBits != 8 * AeadAlgorithm.NONCE_LENGTH) {
            return "nonce not 96 bits (the TLS interface takes 12-byte nonces only)";
        }
        if (tagBits != 8 * AeadAlgorithm.TAG_LENGTH) {
            return "tag not 128 bits (the TLS interface uses 16-byte tags only)";
        }
        return null;
    }

    /**
     * For a vector whose nonce the interface cannot express, what the interface does instead:
     * open refuses it (false, no exception) and seal throws IllegalArgumentException.
     */
    private static String refusedNonce(CryptoProvider p, AeadAlgorithm alg, Wycheproof.Case c) {
        byte[] iv = c.hex("iv");
        if (alg == null || iv.length == AeadAlgorithm.NONCE_LENGTH) {
            return null;
        }
        try {
            Aead aead = p.newAead(alg, c.hex("key"));
            if (aead.open(iv, c.hex("aad"), ByteBuffer.wrap(concat(c.hex("ct"), c.hex("tag"))))) {
                return "opened with a " + iv.length + "-byte nonce";
            }
            try {
                aead.seal(iv, c.hex("aad"), buffer(false, 0, c.hex("msg"), 16));
                return "sealed with a " + iv.length + "-byte nonce";
            } catch (IllegalArgumentException expected) {
                return null;
            }
        } catch (RuntimeException e) {
            return "threw " + e;
        }
    }

    /** Null if the backend does what the vector says, else what went wrong. */
    private static String check(CryptoProvider p, AeadAlgorithm alg, Wycheproof.Case c) {
        byte[] key = c.hex("key");
        byte[] iv = c.hex("iv");
        byte[] aad = c.hex("aad");
        byte[] msg = c.hex("msg");
        byte[] sealed = concat(c.hex("ct"), c.hex("tag"));
        try {
            if (c.isAcceptable()) {
                return "acceptable vector not decided in this test";
            }
            // A fresh Aead per vector: some vectors share a key and nonce on purpose.
            ByteBuffer open = buffer(true, 3, sealed, 1);
            boolean opened = p.newAead(alg, key).open(iv, aad, open);
            // From one buffer into another (the record layer's path): same answer, and a refusal
            // leaves both positions where they were.
            ByteBuffer src = buffer(false, 5, sealed, 0);
            ByteBuffer dst = ByteBuffer.allocate(msg.length + 7).position(7);
            boolean openedInto = p.newAead(alg, key).open(iv, aad, src, dst);
            if (c.isInvalid()) {
                if (opened || openedInto) {
                    return "invalid ciphertext opened" + (opened ? "" : " (into another buffer)");
                }
                return src.position() != 5 || dst.position() != 7 ? "a refused open moved the buffers" : null;
            }
            if (!opened || !openedInto) {
                return "valid ciphertext refused" + (opened ? " (into another buffer)" : "");
            }
            if (!Arrays.equals(contents(open), msg)
                    || !Arrays.equals(Arrays.copyOfRange(dst.array(), 7, dst.position()), msg) || src.hasRemaining()) {
                return "wrong plaintext";
            }
            ByteBuffer seal = buffer(false, 2, msg, 16);
            p.newAead(alg, key).seal(iv, aad, seal);
            if (!Arrays.equals(contents(seal), sealed)) {
                return "wrong ciphertext or tag";
            }
            ByteBuffer from = buffer(true, 1, msg, 0);
            ByteBuffer into = ByteBuffer.allocateDirect(sealed.length + 3).position(3);
            int n = p.newAead(alg, key).seal(iv, aad, from, into);
            byte[] got = new byte[n];
            into.flip().position(3);
            into.get(got);
            if (n != sealed.length || !Arrays.equals(got, sealed) || from.hasRemaining()) {
                return "wrong ciphertext or tag (into another buffer)";
            }
            return null;
        } catch (RuntimeException e) {
            return "threw " + e;
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
