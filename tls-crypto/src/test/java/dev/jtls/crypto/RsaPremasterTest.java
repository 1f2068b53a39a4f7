package dev.jtls.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.crypto.BadPaddingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RSA premaster encryption and decryption with implicit rejection (RFC 5246 §7.4.7.1), every backend. */
class RsaPremasterTest {
    private static final int TLS12 = 0x0303;
    private static final SecureRandom RANDOM = new SecureRandom();

    private static byte[] premaster(int version) {
        byte[] pms = new byte[48];
        RANDOM.nextBytes(pms);
        pms[0] = (byte) (version >>> 8);
        pms[1] = (byte) version;
        return pms;
    }

    /** EM = 0x00 0x02 PS 0x00 M with a non-zero random PS (RFC 8017 §7.2.1 step 2). */
    private static byte[] pkcs1Block(int k, byte[] message) {
        byte[] em = new byte[k];
        em[1] = 0x02;
        for (int i = 2; i < k - message.length - 1; i++) {
            em[i] = (byte) (1 + RANDOM.nextInt(255));
        }
        System.arraycopy(message, 0, em, k - message.length, message.length);
        return em;
    }

    @ParameterizedTest
    @ValueSource(ints = {2048, 3072, 4096})
    void roundTripEveryPairOfBackends(int bits) throws Exception {
        KeyPair kp = RsaTestKeys.of(bits);
        for (CryptoProvider encryptor : Backends.all()) {
            for (CryptoProvider decryptor : Backends.all()) {
                byte[] pms = premaster(TLS12);
                byte[] ct = encryptor.rsaEncryptPkcs1(kp.getPublic(), pms);
                assertThat(ct).as("%s ciphertext length", encryptor.name()).hasSize(bits / 8);
                assertThat(decryptor.decryptPremaster(kp.getPrivate(), ct, TLS12))
                        .as("%s -> %s premaster", encryptor.name(), decryptor.name()).isEqualTo(pms);
                assertThat(decryptor.rsaDecryptPkcs1(kp.getPrivate(), ct))
                        .as("%s -> %s plain", encryptor.name(), decryptor.name()).isEqualTo(pms);
            }
        }
    }

    @Test
    void encryptionIsRandomized() throws Exception {
        KeyPair kp = RsaTestKeys.of(2048);
        byte[] pms = premaster(TLS12);
        for (CryptoProvider p : Backends.all()) {
            assertThat(p.rsaEncryptPkcs1(kp.getPublic(), pms)).as(p.name())
                    .isNotEqualTo(p.rsaEncryptPkcs1(kp.getPublic(), pms));
        }
    }

    @Test
    void handMadeValidBlockIsAccepted() {
        KeyPair kp = RsaTestKeys.of(2048);
        RSAPublicKey pub = (RSAPublicKey) kp.getPublic();
        byte[] pms = premaster(TLS12);
        byte[] ct = RsaTestKeys.rawEncrypt(pub, pkcs1Block(RsaTestKeys.k(pub), pms));
        for (CryptoProvider p : Backends.all()) {
            assertThat(p.decryptPremaster(kp.getPrivate(), ct, TLS12)).as(p.name()).isEqualTo(pms);
        }
    }

    /** Every malformed ciphertext, named, for the implicit-rejection checks. */
    private static Map<String, byte[]> malformed(KeyPair kp, byte[] pms) {
        RSAPublicKey pub = (RSAPublicKey) kp.getPublic();
        int k = RsaTestKeys.k(pub);
        Function<byte[], byte[]> enc = em -> RsaTestKeys.rawEncrypt(pub, em);
        Map<String, byte[]> cases = new LinkedHashMap<>();

        // A first byte of 0x01 is above n for most moduli (then it is the "c >= n" case, still
        // covered below); it runs through the RSA operation only when it fits below n.
        byte[] badFirst = pkcs1Block(k, pms);
        badFirst[0] = 0x01;
        if (new BigInteger(1, badFirst).compareTo(pub.getModulus()) < 0) {
            cases.put("bad first byte", enc.apply(badFirst));
        }
        byte[] badFirstSmall = pkcs1Block(k, pms);
        // Block type 0x02 moved one byte left: first byte non-zero but the block still below n.
        badFirstSmall[0] = 0x00;
        badFirstSmall[1] = 0x00;
        badFirstSmall[2] = 0x02;
        cases.put("zero second byte (00 00 02)", enc.apply(badFirstSmall));
        for (int type : new int[] {0x00, 0x01, 0x03, 0xff}) {
            byte[] b = pkcs1Block(k, pms);
            b[1] = (byte) type;
            cases.put("block type " + type, enc.apply(b));
        }
        byte[] zeroInPs = pkcs1Block(k, pms);
        zeroInPs[5] = 0;
        cases.put("zero in padding (short padding)", enc.apply(zeroInPs));
        byte[] shortPs = pkcs1Block(k, pms);
        shortPs[2 + 7] = 0; // separator after only 7 bytes of PS
        cases.put("padding of 7 bytes", enc.apply(shortPs));
        byte[] noSep = pkcs1Block(k, pms);
        noSep[k - 49] = 0x11;
        // A zero byte inside the random premaster would become the separator (a valid, shorter
        // message for the plain API): there must be no zero after the block type at all.
        for (int i = k - 48; i < k; i++) {
            if (noSep[i] == 0) {
                noSep[i] = 0x22;
            }
        }
        cases.put("no separator", enc.apply(noSep));
        cases.put("message of 47 bytes", enc.apply(pkcs1Block(k, Arrays.copyOf(pms, 47))));
        byte[] m49 = new byte[49];
        System.arraycopy(pms, 0, m49, 0, 48);
        m49[48] = 0x42;
        cases.put("message of 49 bytes", enc.apply(pkcs1Block(k, m49)));
        byte[] m49v = new byte[49];
        m49v[0] = 0x11;
        System.arraycopy(pms, 0, m49v, 1, 48);
        cases.put("message of 49 bytes ending in the premaster", enc.apply(pkcs1Block(k, m49v)));
        cases.put("version 0x0302", enc.apply(pkcs1Block(k, premaster(0x0302))));
        cases.put("version 0x0403", enc.apply(pkcs1Block(k, premaster(0x0403))));
        cases.put("version 0x0000", enc.apply(pkcs1Block(k, premaster(0x0000))));
        cases.put("all-zero block", enc.apply(new byte[k]));

        byte[] good = enc.apply(pkcs1Block(k, pms));
        cases.put("ciphertext one byte short", Arrays.copyOf(good, k - 1));
        cases.put("ciphertext one byte long", Arrays.copyOf(good, k + 1));
        byte[] prefixed = new byte[k + 1];
        System.arraycopy(good, 0, prefixed, 1, k);
        cases.put("ciphertext with a leading zero byte", prefixed);
        cases.put("empty ciphertext", new byte[0]);
        cases.put("ciphertext = n", RsaTestKeys.i2osp(pub.getModulus(), k));
        cases.put("ciphertext = n + 1", RsaTestKeys.i2osp(pub.getModulus().add(BigInteger.ONE), k));
        byte[] allOnes = new byte[k];
        Arrays.fill(allOnes, (byte) 0xff);
        cases.put("ciphertext all 0xff (> n)", allOnes);
        cases.put("all-zero ciphertext", new byte[k]);
        cases.put("ciphertext 1", RsaTestKeys.i2osp(BigInteger.ONE, k));
        cases.put("ciphertext n - 1", RsaTestKeys.i2osp(pub.getModulus().subtract(BigInteger.ONE), k));
        return cases;
    }

    @ParameterizedTest
    @ValueSource(ints = {2048, 3072})
    void implicitRejectionGivesTheSameSyntheticPremasterOnEveryBackend(int bits) {
        KeyPair kp = RsaTestKeys.of(bits);
        byte[] pms = premaster(TLS12);
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : malformed(kp, pms).entrySet()) {
            byte[] ct = e.getValue();
            byte[] expected = RsaTestKeys.expectedSynthetic((RSAPrivateKey) kp.getPrivate(), ct, TLS12);
            for (CryptoProvider p : Backends.all()) {
                byte[] first;
                byte[] second;
                try {
                    first = p.decryptPremaster(kp.getPrivate(), ct, TLS12);
                    second = p.decryptPremaster(kp.getPrivate(), ct.clone(), TLS12);
                } catch (RuntimeException ex) {
                    failures.add(p.name() + " " + e.getKey() + ": threw " + ex);
                    continue;
                }
                if (first.length != 48) {
                    failures.add(p.name() + " " + e.getKey() + ": length " + first.length);
                } else if (!Arrays.equals(first, second)) {
                    failures.add(p.name() + " " + e.getKey() + ": not deterministic");
                } else if (Arrays.equals(first, pms)) {
                    failures.add(p.name() + " " + e.getKey() + ": returned the real premaster");
                } else if (!Arrays.equals(first, expected)) {
                    failures.add(p.name() + " " + e.getKey() + ": not the synthetic premaster");
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void syntheticPremasterCarriesTheClientVersionAndDependsOnCiphertextAndKey() {
        KeyPair a = RsaTestKeys.of(2048);
        KeyPair b = RsaTestKeys.of(3072);
        byte[] ct1 = new byte[256];
        byte[] ct2 = new byte[256];
        ct2[255] = 1;
        for (CryptoProvider p : Backends.all()) {
            byte[] s1 = p.decryptPremaster(a.getPrivate(), ct1, TLS12);
            byte[] s2 = p.decryptPremaster(a.getPrivate(), ct2, TLS12);
            byte[] s3 = p.decryptPremaster(b.getPrivate(), ct1, TLS12);
            byte[] s4 = p.decryptPremaster(a.getPrivate(), ct1, 0x0302);
            assertThat(Arrays.copyOf(s1, 2)).as(p.name()).containsExactly(3, 3);
            assertThat(Arrays.copyOf(s4, 2)).as(p.name()).containsExactly(3, 2);
            assertThat(s1).as(p.name()).isNotEqualTo(s2).isNotEqualTo(s3);
            // Only the version bytes follow client_version; the rest is the same derivation.
            assertThat(Arrays.copyOfRange(s4, 2, 48)).as(p.name()).isEqualTo(Arrays.copyOfRange(s1, 2, 48));
        }
    }

    @Test
    void versionMismatchGivesSyntheticEvenForAPerfectBlock() throws Exception {
        KeyPair kp = RsaTestKeys.of(2048);
        byte[] pms = premaster(0x0301);
        for (CryptoProvider p : Backends.all()) {
            byte[] ct = p.rsaEncryptPkcs1(kp.getPublic(), pms);
            assertThat(p.decryptPremaster(kp.getPrivate(), ct, 0x0301)).as(p.name()).isEqualTo(pms);
            byte[] out = p.decryptPremaster(kp.getPrivate(), ct, TLS12);
            assertThat(out).as(p.name())
                    .isEqualTo(RsaTestKeys.expectedSynthetic((RSAPrivateKey) kp.getPrivate(), ct, TLS12));
        }
    }

    @Test
    void plainDecryptionRejectsBadPaddingWithBadPaddingException() {
        KeyPair kp = RsaTestKeys.of(2048);
        byte[] pms = premaster(TLS12);
        Map<String, byte[]> cases = malformed(kp, pms);
        // These are well-formed PKCS #1 blocks, only not TLS premasters: the plain API accepts them.
        List<String> wellFormed = List.of("message of 47 bytes", "message of 49 bytes",
                "message of 49 bytes ending in the premaster", "version 0x0302", "version 0x0403", "version 0x0000");
        for (CryptoProvider p : Backends.all()) {
            for (Map.Entry<String, byte[]> e : cases.entrySet()) {
                if (wellFormed.contains(e.getKey())) {
                    continue;
                }
                assertThatThrownBy(() -> p.rsaDecryptPkcs1(kp.getPrivate(), e.getValue()))
                        .as(p.name() + " " + e.getKey())
                        .isExactlyInstanceOf(BadPaddingException.class)
                        .hasMessage("decryption error");
            }
            for (String name : wellFormed) {
                assertThat(catchDecrypt(p, kp, cases.get(name))).as(p.name() + " " + name).isNotNull();
            }
        }
    }

    private static byte[] catchDecrypt(CryptoProvider p, KeyPair kp, byte[] ct) {
        try {
            return p.rsaDecryptPkcs1(kp.getPrivate(), ct);
        } catch (Exception e) {
            throw new AssertionError(p.name() + " rejected a well-formed block", e);
        }
    }

    @Test
    void plainRoundTripOfShortAndLongestMessages() throws Exception {
        KeyPair kp = RsaTestKeys.of(2048);
        for (CryptoProvider p : Backends.all()) {
            for (int len : new int[] {0, 1, 48, 256 - 11}) {
                byte[] m = new byte[len];
                RANDOM.nextBytes(m);
                assertThat(p.rsaDecryptPkcs1(kp.getPrivate(), p.rsaEncryptPkcs1(kp.getPublic(), m)))
                        .as(p.name() + " " + len).isEqualTo(m);
            }
            assertThatThrownBy(() -> p.rsaEncryptPkcs1(kp.getPublic(), new byte[256 - 10]))
                    .as(p.name()).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void wrongKeyTypesAreRefused() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(256);
        KeyPair ecKeys = ec.generateKeyPair();
        for (CryptoProvider p : Backends.all()) {
            assertThatThrownBy(() -> p.rsaEncryptPkcs1(ecKeys.getPublic(), new byte[48]))
                    .as(p.name()).isInstanceOf(InvalidKeyException.class);
            assertThatThrownBy(() -> p.rsaDecryptPkcs1(ecKeys.getPrivate(), new byte[256]))
                    .as(p.name()).isInstanceOf(InvalidKeyException.class);
            // decryptPremaster declares no checked exception; the server's own key being of the
            // wrong type is a configuration error, not peer input.
            assertThatThrownBy(() -> p.decryptPremaster(ecKeys.getPrivate(), new byte[256], TLS12))
                    .as(p.name()).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void alternatingKeysDoNotMixUpTheCachedKeyState() throws Exception {
        KeyPair a = RsaTestKeys.of(2048);
        KeyPair b = RsaTestKeys.of(3072);
        for (CryptoProvider p : Backends.all()) {
            for (int i = 0; i < 3; i++) {
                byte[] pa = premaster(TLS12);
                byte[] pb = premaster(TLS12);
                byte[] ca = p.rsaEncryptPkcs1(a.getPublic(), pa);
                byte[] cb = p.rsaEncryptPkcs1(b.getPublic(), pb);
                assertThat(p.decryptPremaster(a.getPrivate(), ca, TLS12)).as(p.name()).isEqualTo(pa);
                assertThat(p.decryptPremaster(b.getPrivate(), cb, TLS12)).as(p.name()).isEqualTo(pb);
                assertThat(p.rsaDecryptPkcs1(a.getPrivate(), ca)).as(p.name()).isEqualTo(pa);
            }
        }
    }
}
