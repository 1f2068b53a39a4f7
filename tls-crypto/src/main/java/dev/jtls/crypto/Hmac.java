package dev.jtls.crypto;

import java.nio.ByteBuffer;

/** HMAC (RFC 2104) under one key. After {@link #doFinal} it is ready for the next message under the same key. */
public interface Hmac {
    HashAlgorithm algorithm();

    /** MAC size in bytes (the hash's output length). */
    default int macLength() {
        return algorithm().outputLength();
    }

    void update(byte[] input, int offset, int length);

    default void update(byte[] input) {
        update(input, 0, input.length);
    }

    /** Consumes the bytes between the buffer's position and limit; the position moves to the limit. */
    void update(ByteBuffer input);

    /** Writes {@link #macLength()} bytes to {@code out} at {@code offset} and resets for the next message. */
    void doFinal(byte[] out, int offset);

    default byte[] doFinal() {
        byte[] out = new byte[macLength()];
        doFinal(out, 0);
        return out;
    }

    /** Discards any input given since the last {@link #doFinal}. */
    void reset();
}
