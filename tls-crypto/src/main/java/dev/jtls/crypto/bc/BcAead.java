package dev.jtls.crypto.bc;

import dev.jtls.crypto.Aead;
import dev.jtls.crypto.AeadAlgorithm;
import java.nio.ByteBuffer;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.modes.AEADCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * AES-GCM or ChaCha20-Poly1305 over one Bouncy Castle engine, reused for every record.
 *
 * <p>The key is handed to the engine on the first init only; later inits pass a null key, which
 * Bouncy Castle takes as "same key" and so keeps the AES key schedule and GHASH tables (or the
 * ChaCha20 key) instead of recomputing them per record. Data goes through two fixed scratch
 * arrays rather than straight back into the caller's array: Bouncy Castle copies the whole input
 * when input and output overlap, and the chunked path avoids that per-record allocation. What
 * remains per call is the engine's own small init state (a few 16-byte blocks) and the
 * ParametersWithIV that carries the nonce.
 *
 * <p>Sealing twice in a row under the same nonce is always a caller bug (RFC 5288 §3, RFC 7905
 * §2: the nonce is unique per record); Bouncy Castle refuses it and it surfaces as an
 * IllegalStateException. Opening with any nonce, or sealing with the nonce just opened with, works.
 */
final class BcAead implements Aead {
    private static final int TAG = AeadAlgorithm.TAG_LENGTH;
    private static final int CHUNK = 4096;

    private final AeadAlgorithm algorithm;
    private final AEADCipher engine;
    private KeyParameter key; // non-null until the first init has scheduled it
    private final byte[] in = new byte[CHUNK];
    private final byte[] otherNonce = new byte[AeadAlgorithm.NONCE_LENGTH];
    private boolean lastWasSeal;
    // Output of one processBytes call: the chunk plus what the engine had buffered (at most a
    // block and a tag), or doFinal's output (the last partial block plus the tag).
    private final byte[] out = new byte[CHUNK + 4 * TAG];

    BcAead(AeadAlgorithm algorithm, AEADCipher engine, byte[] key) {
        this.algorithm = algorithm;
        this.engine = engine;
        this.key = new KeyParameter(key);
    }

    @Override
    public AeadAlgorithm algorithm() {
        return algorithm;
    }

    @Override
    public int seal(byte[] nonce, byte[] aad, ByteBuffer buf) {
        if (nonce.length != AeadAlgorithm.NONCE_LENGTH) {
            throw new IllegalArgumentException("nonce must be " + AeadAlgorithm.NONCE_LENGTH + " bytes");
        }
        int pos = buf.position();
        int len = buf.remaining();
        if (buf.capacity() - buf.limit() < TAG) {
            throw new IllegalArgumentException("no room for the tag after the plaintext");
        }
        init(true, nonce, aad);
        buf.limit(pos + len + TAG);
        int written;
        try {
            written = process(buf, pos, len);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("encryption cannot fail a tag check", e);
        }
        buf.limit(pos + written);
        buf.position(pos);
        return written;
    }

    @Override
    public boolean open(byte[] nonce, byte[] aad, ByteBuffer buf) {
        int pos = buf.position();
        int len = buf.remaining();
        if (nonce.length != AeadAlgorithm.NONCE_LENGTH || len < TAG) {
            return false;
        }
        try {
            init(false, nonce, aad);
            int written = process(buf, pos, len);
            buf.limit(pos + written);
            buf.position(pos);
            return true;
        } catch (InvalidCipherTextException e) {
            return false; // bad tag
        }
    }

    private void init(boolean forEncryption, byte[] nonce, byte[] aad) {
        try {
            engine.init(forEncryption, new ParametersWithIV(key, nonce));
        } catch (IllegalArgumentException e) {
            // The only argument the engine can refuse here is the previous init's nonce, for
            // sealing. After a seal that is a real nonce reuse; after an open it is not (the
            // engine cannot tell), so step over it with an init under a different nonce.
            if (lastWasSeal) {
                throw new IllegalStateException("nonce reused for sealing under this key", e);
            }
            System.arraycopy(nonce, 0, otherNonce, 0, otherNonce.length);
            otherNonce[0] ^= 1;
            engine.init(false, new ParametersWithIV(key, otherNonce));
            engine.init(forEncryption, new ParametersWithIV(null, nonce));
        }
        key = null;
        lastWasSeal = forEncryption;
        engine.processAADBytes(aad, 0, aad.length);
    }

    /**
     * Runs {@code buf[pos, pos+len)} through the engine and writes the output from {@code pos}
     * on. The output never runs ahead of the input consumed, so writing back only overwrites
     * bytes already read.
     */
    private int process(ByteBuffer buf, int pos, int len) throws InvalidCipherTextException {
        byte[] array = buf.hasArray() ? buf.array() : null;
        int base = array != null ? buf.arrayOffset() + pos : 0;
        int read = 0;
        int written = 0;
        while (read < len) {
            int n = Math.min(CHUNK, len - read);
            int k;
            if (array != null) {
                k = engine.processBytes(array, base + read, n, out, 0);
            } else {
                buf.get(pos + read, in, 0, n);
                k = engine.processBytes(in, 0, n, out, 0);
            }
            buf.put(pos + written, out, 0, k);
            read += n;
            written += k;
        }
        int k = engine.doFinal(out, 0);
        buf.put(pos + written, out, 0, k);
        return written + k;
    }
}
