package dev.jtls.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.crypto.AeadAlgorithm;
import dev.jtls.crypto.CbcAlgorithm;
import dev.jtls.crypto.HashAlgorithm;
import dev.jtls.crypto.NamedGroup;
import dev.jtls.crypto.SignatureScheme;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs every benchmark method a few times outside JMH, on every backend, and checks that it
 * computes what it claims to measure: a benchmark that silently measured a failure path would
 * give a meaningless figure.
 */
class BenchmarksTest {

    @ParameterizedTest
    @ValueSource(strings = {"bc", "jca", "default"})
    void digestsHashTheirInput(String backend) throws Exception {
        for (HashAlgorithm algorithm : new HashAlgorithm[] {HashAlgorithm.SHA256, HashAlgorithm.SHA384}) {
            DigestBench b = new DigestBench();
            b.backend = backend;
            b.algorithm = algorithm;
            b.size = 1024;
            b.setup();
            byte[] data = field(b, "data");
            byte[] expected = MessageDigest.getInstance(algorithm.jcaName()).digest(data);
            assertThat(b.hash()).isEqualTo(expected);
            assertThat(b.hash()).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"bc", "jca", "default"})
    void hmacsMacTheirInput(String backend) throws Exception {
        for (HashAlgorithm algorithm : new HashAlgorithm[] {HashAlgorithm.SHA1, HashAlgorithm.SHA256, HashAlgorithm.SHA384}) {
            HmacBench b = new HmacBench();
            b.backend = backend;
            b.algorithm = algorithm;
            b.size = 16384;
            b.setup();
            byte[] first = b.mac().clone();
            assertThat(first).hasSize(algorithm.outputLength());
            assertThat(b.mac()).isEqualTo(first);
            byte[] data = field(b, "data");
            // The key is the first bytes of Random(1), as in setup.
            byte[] key = new byte[algorithm.outputLength()];
            new java.util.Random(1).nextBytes(key);
            Mac mac = Mac.getInstance("Hmac" + algorithm.jcaName().replace("-", ""));
            mac.init(new SecretKeySpec(key, "HMAC"));
            assertThat(first).isEqualTo(mac.doFinal(data));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"bc", "jca", "default"})
    void prfGivesTheLengthsOfAHandshake(String backend) {
        PrfBench b = new PrfBench();
        b.backend = backend;
        b.hash = HashAlgorithm.SHA256;
        b.setup();
        assertThat(b.masterSecret()).hasSize(48).isEqualTo(b.masterSecret());
        assertThat(b.keyBlock()).hasSize(104).isEqualTo(b.keyBlock());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bc", "jca", "default"})
    void aeadRecordsSealAndOpen(String backend) throws Exception {
        for (AeadAlgorithm algorithm : AeadAlgorithm.values()) {
            AeadBench b = new AeadBench();
            b.backend = backend;
            b.algorithm = algorithm;
            b.size = 16384;
            b.setup();
            ByteBuffer buf = field(b, "buf");
            byte[] before = Arrays.copyOf(buf.array(), 16384);
            for (int i = 0; i < 10; i++) {
                assertThat(b.sealOpen()).isEqualTo(16384);
            }
            // Encrypt + decrypt leaves the plaintext as it was.
            assertThat(Arrays.copyOf(buf.array(), 16384)).isEqualTo(before);
            for (int i = 0; i < 10; i++) {
                assertThat(b.seal()).isEqualTo(16384 + 16);
                assertThat(b.open()).isEqualTo(16384);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"bc", "jca", "default"})
    void cbcEncryptsAndDecrypts(String backend) throws Exception {
        for (CbcAlgorithm algorithm : CbcAlgorithm.values()) {
            CbcBench b = new CbcBench();
            b.backend = backend;
            b.algorithm = algorithm;
            b.size = 16384;
            b.setup();
            ByteBuffer buf = field(b, "buf");
            byte[] iv = field(b, "iv");
            byte[] key = new byte[algorithm.keyLength()];
            new java.util.Random(1).nextBytes(key);
            byte[] plain = buf.array().clone();
            b.encrypt();
            Cipher jdk = Cipher.getInstance("AES/CBC/NoPadding");
            jdk.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            assertThat(buf.array()).isEqualTo(jdk.doFinal(plain));
            b.decrypt();
            assertThat(buf.array()).isEqualTo(plain);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"bc", "jca", "default"})
    void keySharesAgree(String backend) throws Exception {
        for (NamedGroup group : NamedGroup.values()) {
            KeyShareBench b = new KeyShareBench();
            b.backend = backend;
            b.group = group;
            b.setup();
            assertThat(b.keygen()).hasSize(group.publicKeyLength());
            assertThat(b.agree()).hasSize(group.fieldLength()).isEqualTo(b.agree());
            assertThat(b.keygenAgree()).hasSize(group.fieldLength());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"bc", "jca", "default"})
    void rsaPremasterRoundTrips(String backend) throws Exception {
        RsaBench b = new RsaBench();
        b.backend = backend;
        b.bits = 2048;
        b.setup();
        byte[] premaster = field(b, "premaster");
        assertThat(b.encryptPremaster()).hasSize(256);
        assertThat(b.decryptPremaster()).isEqualTo(premaster);
        assertThat(b.decryptPremasterBadPadding()).hasSize(48).isNotEqualTo(premaster);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bc", "jca", "default"})
    void signaturesVerify(String backend) throws Exception {
        SignatureScheme[] schemes = {
            SignatureScheme.RSA_PKCS1_SHA256, SignatureScheme.RSA_PSS_RSAE_SHA256,
            SignatureScheme.ECDSA_SECP256R1_SHA256, SignatureScheme.ECDSA_SECP384R1_SHA384, SignatureScheme.ED25519,
        };
        for (SignatureScheme scheme : schemes) {
            SignatureBench b = new SignatureBench();
            b.backend = backend;
            b.scheme = scheme;
            b.setup();
            assertThat(b.verify()).as("%s", scheme).isTrue();
            assertThat(b.sign()).isNotEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"bc", "jca", "default"})
    void recordsSealAndOpen(String backend) throws Exception {
        String[] protections = {"AES_128_GCM", "AES_256_GCM", "CHACHA20_POLY1305", "AES_128_CBC_SHA", "AES_128_CBC_SHA_ETM"};
        for (String protection : protections) {
            RecordBench b = new RecordBench();
            b.backend = backend;
            b.protection = protection;
            b.size = 16384;
            b.setup();
            ByteBuffer buf = field(b, "buf");
            dev.jtls.record.RecordProtection writer = field(b, "writer");
            int offset = writer.plaintextOffset();
            byte[] before = Arrays.copyOfRange(buf.array(), offset, offset + 16384);
            for (int i = 0; i < 10; i++) {
                assertThat(b.sealOpen()).as(protection).isEqualTo(16384);
                // open leaves the plaintext where seal took it from.
                assertThat(buf.position()).isEqualTo(offset);
            }
            assertThat(Arrays.copyOfRange(buf.array(), offset, offset + 16384)).isEqualTo(before);
            for (int i = 0; i < 10; i++) {
                assertThat(b.seal()).as(protection).isEqualTo(recordLength(protection));
                assertThat(b.open()).as(protection).isEqualTo(16384);
            }
        }
    }

    /** The whole record, header included, for 16384 bytes of plaintext. */
    private static int recordLength(String protection) {
        switch (protection) {
            case "AES_128_GCM":
            case "AES_256_GCM":
                return 5 + 8 + 16384 + 16; // RFC 5288 §3: explicit nonce, ciphertext, tag
            case "CHACHA20_POLY1305":
                return 5 + 16384 + 16; // RFC 7905 §2: no explicit nonce
            case "AES_128_CBC_SHA":
                // RFC 5246 §6.2.3.2: IV, then (plaintext + MAC 20 = 16404) padded to 16416
                return 5 + 16 + 16416;
            case "AES_128_CBC_SHA_ETM":
                // RFC 7366 §3: IV, plaintext padded to 16400 (a whole block of padding), then the MAC
                return 5 + 16 + 16400 + 20;
            default:
                throw new IllegalArgumentException(protection);
        }
    }

    @SuppressWarnings("unchecked")
    static <T> T field(Object bench, String name) throws ReflectiveOperationException {
        java.lang.reflect.Field f = bench.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return (T) f.get(bench);
    }
}
