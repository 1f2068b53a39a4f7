package dev.jtls.session;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The DER encodings of peer certificates as sessions keep them, shared between sessions when the
 * certificate is the same object: the JDK's X.509 CertificateFactory hands back the instance it
 * already made for an encoding it has seen recently, so a client that keeps connecting to the same
 * server (or a server seeing the same client certificate) gets the same {@link X509Certificate}
 * each time, and every session of those connections can hold one array instead of a copy each
 * (750+ bytes per connection and certificate). SunJSSE shares the certificate objects the same way.
 *
 * <p>A small lock-free table remembers the last certificates by identity; a miss costs what the
 * old code always did ({@link X509Certificate#getEncoded()}, a copy), a hit saves the copy. The
 * arrays are never changed: {@link dev.jtls.session.Session} keeps them and hands out copies.
 *
 * <p>Encodings read back from a session ticket have no certificate object to go by: a second table
 * remembers the last encodings by content ({@link #intern}), so that every session resumed from a
 * ticket of the same server (or client certificate) holds the one array instead of its own copy.
 * Certificates are public data; at most {@value #SLOTS} are held in each table.
 */
public final class CertificateEncodings {
    private static final int SLOTS = 64;
    private static final AtomicReferenceArray<Entry> TABLE = new AtomicReferenceArray<>(SLOTS);
    private static final AtomicReferenceArray<byte[]> DECODED = new AtomicReferenceArray<>(SLOTS);

    private record Entry(X509Certificate certificate, byte[] der) {
    }

    private CertificateEncodings() {
    }

    /** The encodings of {@code chain}, in order, each shared with earlier sessions of the same certificate object. */
    public static List<byte[]> of(List<X509Certificate> chain) throws CertificateEncodingException {
        byte[][] out = new byte[chain.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = of(chain.get(i));
        }
        return List.of(out);
    }

    private static byte[] of(X509Certificate c) throws CertificateEncodingException {
        int slot = System.identityHashCode(c) & (SLOTS - 1);
        Entry e = TABLE.get(slot);
        if (e != null && e.certificate() == c) {
            return e.der();
        }
        byte[] der = c.getEncoded();
        TABLE.set(slot, new Entry(c, der));
        return der;
    }

    /**
     * The encoding already held that equals {@code der}, or {@code der} itself, now held: the caller
     * hands the array over and neither it nor anyone else changes it afterwards.
     */
    static byte[] intern(byte[] der) {
        int slot = Arrays.hashCode(der) & (SLOTS - 1);
        byte[] held = DECODED.get(slot);
        if (held != null && Arrays.equals(held, der)) {
            return held;
        }
        DECODED.set(slot, der);
        return der;
    }
}
