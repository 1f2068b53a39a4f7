package dev.jtls.bench;

import dev.jtls.config.TlsConfig;
import dev.jtls.connection.TlsConnection;
import dev.jtls.suite.CipherSuite;
import dev.jtls.pki.CertifiedKey;
import dev.jtls.pki.PinnedTrustVerifier;
import dev.jtls.record.TlsAlertException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * RSA key exchange in the manner of the Marvin study: the time a jtls server takes to handle a
 * ClientKeyExchange, from the encrypted premaster to the keys being set (its {@code receive} of
 * the record), for ciphertexts whose RSA plaintext is well or badly formed in each of the ways
 * RFC 5246 §7.4.7.1's implicit rejection must hide. Each sample is a fresh server connection
 * brought to ExpectClientKeyExchange untimed. Each class has a pool of {@link #POOL} distinct
 * ciphertexts (fresh random padding each), cycled, so that what the value of one ciphertext costs
 * (its magnitude in the modular arithmetic, say) averages out within the class instead of being
 * taken for an effect of the class's padding.
 */
final class RsaKeyExchangeTiming {
    /** The ciphertext classes; VALID is the baseline. */
    enum Ciphertext {
        VALID, WRONG_FIRST_BYTE, WRONG_SECOND_BYTE, NO_ZERO_SEPARATOR, ZERO_SEPARATOR_EARLY, WRONG_VERSION,
        PLAINTEXT_TOO_LONG, ALL_ZERO, EQUAL_TO_MODULUS, TOO_SHORT, TOO_LONG
    }

    /** Distinct ciphertexts per class. */
    static final int POOL = 64;

    private final TlsConfig server;
    private final byte[] clientHelloRecord;
    /** records[class][i]: the class's pool of ClientKeyExchange records; next[class] cycles through it. */
    private final byte[][][] records = new byte[Ciphertext.values().length][POOL][];
    private final int[] next = new int[Ciphertext.values().length];

    RsaKeyExchangeTiming(long seed) {
        CipherSuite suite = CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256;
        server = TlsConfig.builder().cipherSuites(List.of(suite))
                .certifiedKey(new CertifiedKey(List.of(Pki.RSA_LEAF.certificate(), Pki.RSA_CA.certificate()),
                        Pki.RSA_LEAF.privateKey()))
                .build();
        TlsConfig client = TlsConfig.builder().cipherSuites(List.of(suite))
                .trust(new PinnedTrustVerifier(List.of(Pki.RSA_CA.certificate()), Clock.systemUTC())).build();
        TlsConnection c = TlsConnection.client(client, Pki.HOST, 443);
        ByteBuffer hello = ByteBuffer.allocate(1 << 14);
        c.takeOutgoing(hello);
        clientHelloRecord = Arrays.copyOf(hello.array(), hello.position());
        RSAPublicKey key = (RSAPublicKey) Pki.RSA_LEAF.certificate().getPublicKey();
        Random random = new Random(seed);
        for (int i = 0; i < POOL; i++) {
            for (Ciphertext t : Ciphertext.values()) {
                records[t.ordinal()][i] = clientKeyExchangeRecord(ciphertext(t, key, random));
            }
        }
    }

    /** A server connection that has answered the ClientHello and waits for the ClientKeyExchange. */
    TlsConnection prepared() {
        TlsConnection s = TlsConnection.server(server);
        s.receive(ByteBuffer.wrap(clientHelloRecord));
        s.takeOutgoing(ByteBuffer.allocate(1 << 14));
        return s;
    }

    /** Times the server's handling of the class's next ClientKeyExchange record, in nanoseconds. */
    long time(TlsConnection prepared, Ciphertext t) {
        int i = next[t.ordinal()];
        next[t.ordinal()] = (i + 1) % POOL;
        ByteBuffer record = ByteBuffer.wrap(records[t.ordinal()][i]);
        long t0 = System.nanoTime();
        try {
            prepared.receive(record);
        } catch (TlsAlertException e) {
            // Only a malformed length may be refused outright (decode_error); none of the padding classes is.
        }
        return System.nanoTime() - t0;
    }

    /** The handshake record carrying {@code encrypted} (RFC 5246 §7.4.7.1: opaque<0..2^16-1>). */
    private static byte[] clientKeyExchangeRecord(byte[] encrypted) {
        int body = 2 + encrypted.length;
        int message = 4 + body;
        ByteBuffer b = ByteBuffer.allocate(5 + message);
        b.put((byte) 22).put((byte) 3).put((byte) 3).putShort((short) message);
        b.put((byte) 16).put((byte) 0).putShort((short) body);
        b.putShort((short) encrypted.length).put(encrypted);
        return b.array();
    }

    /** RFC 8017 §7.2.1 EME-PKCS1-v1_5 with the class's flaw, then raw RSA (m^e mod n). */
    static byte[] ciphertext(Ciphertext t, RSAPublicKey key, Random random) {
        int k = (key.getModulus().bitLength() + 7) / 8;
        BigInteger n = key.getModulus();
        switch (t) {
            case ALL_ZERO:
                return new byte[k];
            case EQUAL_TO_MODULUS:
                return fixed(n, k);
            case TOO_SHORT:
                return Arrays.copyOf(ciphertext(Ciphertext.VALID, key, random), k - 1);
            case TOO_LONG: {
                byte[] longer = new byte[k + 1];
                System.arraycopy(ciphertext(Ciphertext.VALID, key, random), 0, longer, 1, k);
                return longer;
            }
            default:
                break;
        }
        byte[] em = new byte[k];
        int messageLength = t == Ciphertext.PLAINTEXT_TOO_LONG ? 49 : 48;
        int separator = k - messageLength - 1;
        if (t == Ciphertext.ZERO_SEPARATOR_EARLY) {
            separator = 2 + 4; // fewer than the 8 padding bytes RFC 8017 requires
        }
        em[0] = 0;
        em[1] = 2;
        for (int i = 2; i < k; i++) {
            em[i] = (byte) (1 + random.nextInt(255));
        }
        em[separator] = 0;
        em[k - 48] = 3;
        em[k - 47] = 3;
        switch (t) {
            case WRONG_FIRST_BYTE: em[0] = 1; break;
            case WRONG_SECOND_BYTE: em[1] = 1; break;
            case NO_ZERO_SEPARATOR: em[separator] = 1; break;
            case WRONG_VERSION: em[k - 48] = 3; em[k - 47] = 1; break;
            default: break;
        }
        BigInteger c = new BigInteger(1, em).modPow(key.getPublicExponent(), n);
        return fixed(c, k);
    }

    private static byte[] fixed(BigInteger v, int k) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[k];
        int copy = Math.min(raw.length, k);
        System.arraycopy(raw, raw.length - copy, out, k - copy, copy);
        return out;
    }
}
