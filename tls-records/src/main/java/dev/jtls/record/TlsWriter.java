package dev.jtls.record;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Writes the TLS presentation language (RFC 5246 §4) into a growable buffer. A value or vector
 * that does not fit its field is our bug, not the peer's, so it is an
 * {@link IllegalStateException}, never an alert. Not thread-safe.
 */
public final class TlsWriter {
    private byte[] buf;
    private int size;

    public TlsWriter() {
        this(64);
    }

    public TlsWriter(int initialCapacity) {
        buf = new byte[Math.max(initialCapacity, 8)];
    }

    public int size() {
        return size;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    private void ensure(int n) {
        if (n > buf.length - size) {
            long want = Math.max((long) buf.length * 2, (long) size + n);
            if (want > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("TlsWriter buffer too large");
            }
            buf = Arrays.copyOf(buf, (int) want);
        }
    }

    private static void checkRange(long v, long max, String field) {
        if (v < 0 || v > max) {
            throw new IllegalStateException(field + " value " + v + " out of range");
        }
    }

    public TlsWriter uint8(int v) {
        checkRange(v, 0xff, "uint8");
        ensure(1);
        buf[size++] = (byte) v;
        return this;
    }

    public TlsWriter uint16(int v) {
        checkRange(v, 0xffff, "uint16");
        ensure(2);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
        return this;
    }

    public TlsWriter uint24(int v) {
        checkRange(v, 0xffffff, "uint24");
        ensure(3);
        buf[size++] = (byte) (v >>> 16);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
        return this;
    }

    public TlsWriter uint32(long v) {
        checkRange(v, 0xffffffffL, "uint32");
        ensure(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            buf[size++] = (byte) (v >>> shift);
        }
        return this;
    }

    /** Any 64-bit pattern (negative longs are the values of 2^63 and above). */
    public TlsWriter uint64(long v) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buf[size++] = (byte) (v >>> shift);
        }
        return this;
    }

    public TlsWriter bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    public TlsWriter bytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
        return this;
    }

    public TlsWriter opaque8(byte[] b) {
        return uint8(checkLen(b.length, 0xff, "opaque8")).bytes(b);
    }

    public TlsWriter opaque16(byte[] b) {
        return uint16(checkLen(b.length, 0xffff, "opaque16")).bytes(b);
    }

    public TlsWriter opaque24(byte[] b) {
        return uint24(checkLen(b.length, 0xffffff, "opaque24")).bytes(b);
    }

    private static int checkLen(int len, int max, String field) {
        if (len > max) {
            throw new IllegalStateException(field + ": length " + len + " does not fit");
        }
        return len;
    }

    /** Writes a 1-byte length, then whatever {@code body} writes, then patches the length. */
    public TlsWriter lengthPrefixed8(Consumer<TlsWriter> body) {
        return lengthPrefixed(1, 0xff, body);
    }

    public TlsWriter lengthPrefixed16(Consumer<TlsWriter> body) {
        return lengthPrefixed(2, 0xffff, body);
    }

    public TlsWriter lengthPrefixed24(Consumer<TlsWriter> body) {
        return lengthPrefixed(3, 0xffffff, body);
    }

    private TlsWriter lengthPrefixed(int prefix, int max, Consumer<TlsWriter> body) {
        ensure(prefix);
        int at = size;
        size += prefix;
        body.accept(this);
        int len = size - at - prefix;
        if (len > max) {
            throw new IllegalStateException("nested block of " + len + " bytes does not fit a " + prefix + "-byte length");
        }
        for (int i = prefix - 1; i >= 0; i--) {
            buf[at + i] = (byte) (len >>> (8 * (prefix - 1 - i)));
        }
        return this;
    }
}
