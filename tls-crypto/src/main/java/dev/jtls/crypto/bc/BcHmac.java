package dev.jtls.crypto.bc;

import dev.jtls.crypto.HashAlgorithm;
import dev.jtls.crypto.Hmac;
import java.nio.ByteBuffer;
import org.bouncycastle.crypto.ExtendedDigest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/** HMAC (RFC 2104) over Bouncy Castle's {@link HMac}, keyed once. */
final class BcHmac implements Hmac {
    /** Direct buffers are fed through this many bytes at a time. */
    private static final int CHUNK = 1024;

    private final HashAlgorithm algorithm;
    private final HMac mac;
    private byte[] scratch; // made on the first direct-buffer update, then reused

    BcHmac(HashAlgorithm algorithm, ExtendedDigest digest, byte[] key) {
        this.algorithm = algorithm;
        this.mac = new HMac(digest);
        // HMac precomputes the inner and outer padded key states here and restores them on every
        // doFinal/reset, so the key schedule is paid once per key.
        mac.init(new KeyParameter(key));
    }

    @Override
    public HashAlgorithm algorithm() {
        return algorithm;
    }

    @Override
    public void update(byte[] input, int offset, int length) {
        mac.update(input, offset, length);
    }

    @Override
    public void update(ByteBuffer input) {
        int length = input.remaining();
        if (input.hasArray()) {
            // Heap buffer: hash straight out of the backing array, no copy.
            mac.update(input.array(), input.arrayOffset() + input.position(), length);
            input.position(input.limit());
            return;
        }
        if (scratch == null) {
            scratch = new byte[CHUNK];
        }
        while (input.hasRemaining()) {
            int n = Math.min(CHUNK, input.remaining());
            input.get(scratch, 0, n);
            mac.update(scratch, 0, n);
        }
    }

    @Override
    public void doFinal(byte[] out, int offset) {
        mac.doFinal(out, offset); // resets to the keyed initial state
    }

    @Override
    public void reset() {
        mac.reset();
    }
}
