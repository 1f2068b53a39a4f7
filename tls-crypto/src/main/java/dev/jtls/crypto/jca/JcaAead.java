package dev.jtls.crypto.jca;

import dev.jtls.crypto.Aead;
import dev.jtls.crypto.AeadAlgorithm;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM ("AES/GCM/NoPadding") or ChaCha20-Poly1305 ("ChaCha20-Poly1305") over one JCA Cipher,
 * re-initialised per record with that record's nonce.
 *
 * <p>In place: {@code Cipher.doFinal(ByteBuffer, ByteBuffer)} is given two views of the same
 * region; the JDK detects the exact overlap and handles it, and this is its intrinsics path.
 * The per-record cost beyond the cipher itself is the nonce's parameter spec and two buffer views.
 *
 * <p>Sealing twice in a row under the same nonce is always a caller bug (RFC 5288 §3, RFC 7905
 * §2); SunJCE refuses it and it surfaces as an IllegalStateException.
 */
final class JcaAead implements Aead {
    private static final int TAG = AeadAlgorithm.TAG_LENGTH;

    private final AeadAlgorithm algorithm;
    private final Cipher cipher;
    private final SecretKeySpec key;
    /** Made on first need (rare: see {@link #init}), so an idle connection's keys carry no spare array. */
    private byte[] otherNonce;
    private boolean lastWasSeal;

    JcaAead(AeadAlgorithm algorithm, Cipher cipher, SecretKeySpec key) {
        this.algorithm = algorithm;
        this.cipher = cipher;
        this.key = key;
    }

    @Override
    public AeadAlgorithm algorithm() {
        return algorithm;
    }

    /** In place: the between-buffer form over two views of the same region (SunJCE detects the overlap). */
    @Override
    public int seal(byte[] nonce, byte[] aad, ByteBuffer buf) {
        int pos = buf.position();
        int end = buf.limit();
        if (buf.capacity() - end < TAG) {
            throw new IllegalArgumentException("no room for the tag after the plaintext");
        }
        ByteBuffer out = buf.duplicate();
        out.limit(end + TAG);
        int written = seal(nonce, aad, buf.duplicate(), out);
        buf.limit(pos + written);
        buf.position(pos);
        return written;
    }

    /** In place, as {@link #seal(byte[], byte[], ByteBuffer)}. */
    @Override
    public boolean open(byte[] nonce, byte[] aad, ByteBuffer buf) {
        int pos = buf.position();
        int end = buf.limit();
        if (end - pos < TAG) {
            return false;
        }
        ByteBuffer out = buf.duplicate();
        out.limit(end - TAG);
        if (!open(nonce, aad, buf.duplicate(), out)) {
            return false;
        }
        buf.limit(out.position());
        buf.position(pos);
        return true;
    }

    /** One pass from {@code src} into {@code dst}: the JDK's intrinsics read one and write the other. */
    @Override
    public int seal(byte[] nonce, byte[] aad, ByteBuffer src, ByteBuffer dst) {
        if (nonce.length != AeadAlgorithm.NONCE_LENGTH) {
            throw new IllegalArgumentException("nonce must be " + AeadAlgorithm.NONCE_LENGTH + " bytes");
        }
        if (dst.remaining() < src.remaining() + TAG) {
            throw new IllegalArgumentException("no room for " + src.remaining() + " bytes and the tag");
        }
        try {
            init(Cipher.ENCRYPT_MODE, nonce);
        } catch (InvalidKeyException | InvalidAlgorithmParameterException e) {
            // The key was checked at construction: what is left is a repeated nonce.
            throw new IllegalStateException("nonce reused for sealing under this key", e);
        }
        cipher.updateAAD(aad);
        try {
            return cipher.doFinal(src, dst);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " encryption failed", e);
        }
    }

    /**
     * One pass from {@code src} into {@code dst}. SunJCE checks the tag before it writes any
     * plaintext (GCM since JDK 17, ChaCha20-Poly1305 always); whatever a provider does, a
     * failed open leaves both positions where they were.
     */
    @Override
    public boolean open(byte[] nonce, byte[] aad, ByteBuffer src, ByteBuffer dst) {
        int srcStart = src.position();
        int dstStart = dst.position();
        int length = src.remaining();
        if (nonce.length != AeadAlgorithm.NONCE_LENGTH || length < TAG) {
            return false;
        }
        if (dst.remaining() < length - TAG) {
            throw new IllegalArgumentException("no room for the plaintext");
        }
        try {
            init(Cipher.DECRYPT_MODE, nonce);
            cipher.updateAAD(aad);
            cipher.doFinal(src, dst);
            return true;
        } catch (GeneralSecurityException e) {
            src.position(srcStart);
            dst.position(dstStart);
            return false;
        }
    }

    /**
     * SunJCE's ChaCha20-Poly1305 refuses any init (either mode) whose key and nonce match the
     * previous init's, and its GCM refuses an encryption init that matches the last encryption.
     * Only sealing twice under one nonce is a real reuse; a repeated open, or a seal under the
     * nonce just opened with, is stepped over with an init under a different nonce first.
     */
    private void init(int mode, byte[] nonce) throws InvalidKeyException, InvalidAlgorithmParameterException {
        boolean sealing = mode == Cipher.ENCRYPT_MODE;
        try {
            cipher.init(mode, key, spec(nonce));
        } catch (InvalidKeyException | InvalidAlgorithmParameterException e) {
            if (sealing && lastWasSeal) {
                throw e;
            }
            if (otherNonce == null) {
                otherNonce = new byte[AeadAlgorithm.NONCE_LENGTH];
            }
            System.arraycopy(nonce, 0, otherNonce, 0, otherNonce.length);
            otherNonce[0] ^= 1;
            cipher.init(Cipher.DECRYPT_MODE, key, spec(otherNonce));
            cipher.init(mode, key, spec(nonce));
        }
        lastWasSeal = sealing;
    }

    private AlgorithmParameterSpec spec(byte[] nonce) {
        if (algorithm == AeadAlgorithm.CHACHA20_POLY1305) {
            return new IvParameterSpec(nonce); // RFC 8439 §2.8: 96-bit nonce, 128-bit tag
        }
        return new GCMParameterSpec(TAG * 8, nonce);
    }
}
