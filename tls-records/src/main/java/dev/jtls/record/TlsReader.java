package dev.jtls.record;

import java.util.Arrays;
import java.util.function.Function;

/**
 * Reads the TLS presentation language (RFC 5246 §4) from a byte range, with bounded sub-readers
 * for vectors. Every read that would run past the bound throws
 * {@link TlsAlertException}({@code decode_error}) naming what was being read; nothing else
 * (no IndexOutOfBounds, no BufferUnderflow) can come out of it. Not thread-safe.
 */
public final class TlsReader {
    private final byte[] buf;
    private final int end;
    private int pos;

    public TlsReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    public TlsReader(byte[] buf, int offset, int length) {
        if (offset < 0 || length < 0 || offset > buf.length - length) {
            throw new IllegalArgumentException("range out of bounds");
        }
        this.buf = buf;
        this.pos = offset;
        this.end = offset + length;
    }

    /**
     * Decodes all of {@code bytes} with {@code decoder} and checks nothing is left over
     * (trailing bytes are a decode_error, RFC 5246 §7.2.2).
     */
    public static <T> T readAll(byte[] bytes, String what, Function<TlsReader, T> decoder) {
        TlsReader r = new TlsReader(bytes);
        T value = decoder.apply(r);
        r.expectEnd(what);
        return value;
    }

    /** Decodes the rest of this reader with {@code decoder} and checks nothing is left over. */
    public <T> T readAll(String what, Function<TlsReader, T> decoder) {
        T value = decoder.apply(this);
        expectEnd(what);
        return value;
    }

    public int remaining() {
        return end - pos;
    }

    public boolean hasRemaining() {
        return pos < end;
    }

    /** Offset of the next byte in the underlying array (for keeping raw bytes, e.g. for a transcript). */
    public int position() {
        return pos;
    }

    /** @throws TlsAlertException decode_error if bytes remain */
    public void expectEnd(String what) {
        if (pos != end) {
            throw new TlsAlertException(InvalidMessage.TRAILING_DATA,
                    what + ": " + (end - pos) + " unexpected trailing byte(s)");
        }
    }

    private void need(int n, String what) {
        if (n > end - pos) {
            throw new TlsAlertException(InvalidMessage.TRUNCATED,
                    what + ": needs " + n + " byte(s), only " + (end - pos) + " left");
        }
    }

    public int uint8(String what) {
        need(1, what);
        return buf[pos++] & 0xff;
    }

    public int uint16(String what) {
        need(2, what);
        int v = ((buf[pos] & 0xff) << 8) | (buf[pos + 1] & 0xff);
        pos += 2;
        return v;
    }

    public int uint24(String what) {
        need(3, what);
        int v = ((buf[pos] & 0xff) << 16) | ((buf[pos + 1] & 0xff) << 8) | (buf[pos + 2] & 0xff);
        pos += 3;
        return v;
    }

    /** An unsigned 32-bit value in a long. */
    public long uint32(String what) {
        need(4, what);
        long v = ((long) (buf[pos] & 0xff) << 24) | ((buf[pos + 1] & 0xff) << 16)
                | ((buf[pos + 2] & 0xff) << 8) | (buf[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    /** A 64-bit value; values of 2^63 and above come back negative (read as unsigned). */
    public long uint64(String what) {
        need(8, what);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (buf[pos + i] & 0xff);
        }
        pos += 8;
        return v;
    }

    /** Exactly {@code n} bytes, copied. */
    public byte[] bytes(int n, String what) {
        if (n < 0) {
            throw new IllegalArgumentException("negative length");
        }
        need(n, what);
        byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return out;
    }

    public void skip(int n, String what) {
        if (n < 0) {
            throw new IllegalArgumentException("negative length");
        }
        need(n, what);
        pos += n;
    }

    /** {@code opaque x<min..max>} with a 1-byte length prefix. */
    public byte[] opaque8(String what, int min, int max) {
        return bytes(checkLength(uint8(what + " length"), min, max, what), what);
    }

    /** {@code opaque x<min..max>} with a 2-byte length prefix. */
    public byte[] opaque16(String what, int min, int max) {
        return bytes(checkLength(uint16(what + " length"), min, max, what), what);
    }

    /** {@code opaque x<min..max>} with a 3-byte length prefix. */
    public byte[] opaque24(String what, int min, int max) {
        return bytes(checkLength(uint24(what + " length"), min, max, what), what);
    }

    /** A sub-reader over the next {@code n} bytes; this reader moves past them. */
    public TlsReader sub(int n, String what) {
        if (n < 0) {
            throw new IllegalArgumentException("negative length");
        }
        need(n, what);
        TlsReader r = new TlsReader(buf, pos, n);
        pos += n;
        return r;
    }

    /** A sub-reader over a vector with a 1-byte length prefix, whose length must be in [min, max]. */
    public TlsReader vector8(String what, int min, int max) {
        return sub(checkLength(uint8(what + " length"), min, max, what), what);
    }

    /** A sub-reader over a vector with a 2-byte length prefix, whose length must be in [min, max]. */
    public TlsReader vector16(String what, int min, int max) {
        return sub(checkLength(uint16(what + " length"), min, max, what), what);
    }

    /** A sub-reader over a vector with a 3-byte length prefix, whose length must be in [min, max]. */
    public TlsReader vector24(String what, int min, int max) {
        return sub(checkLength(uint24(what + " length"), min, max, what), what);
    }

    private static int checkLength(int len, int min, int max, String what) {
        if (len < min || len > max) {
            throw new TlsAlertException(InvalidMessage.BAD_LENGTH,
                    what + ": length " + len + " outside [" + min + ", " + max + "]");
        }
        return len;
    }
}
