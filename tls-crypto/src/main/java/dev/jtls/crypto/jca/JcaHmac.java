package dev.jtls.crypto.jca;

import dev.jtls.crypto.HashAlgorithm;
import dev.jtls.crypto.Hmac;
import java.nio.ByteBuffer;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;

/** HMAC over a keyed JCA {@link Mac}; doFinal resets it to the same key. */
final class JcaHmac implements Hmac {
    private final HashAlgorithm algorithm;
    private final Mac mac;

    JcaHmac(HashAlgorithm algorithm, Mac mac) {
        this.algorithm = algorithm;
        this.mac = mac;
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
        // Mac.update(ByteBuffer) reads a heap buffer's backing array in place and moves the
        // position to the limit.
        mac.update(input);
    }

    @Override
    public void doFinal(byte[] out, int offset) {
        try {
            mac.doFinal(out, offset);
        } catch (ShortBufferException e) {
            throw new IndexOutOfBoundsException("no room for the " + macLength() + "-byte MAC");
        }
    }

    @Override
    public void reset() {
        mac.reset();
    }
}
