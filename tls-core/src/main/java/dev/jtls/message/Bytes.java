package dev.jtls.message;

import dev.jtls.record.TlsWriter;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable byte string, so that message and extension records holding opaque fields get a
 * content-based {@code equals}/{@code hashCode} and cannot be changed after decoding. Copies in,
 * copies out. {@link #equals} is not constant-time: compare secrets (Finished verify_data) with
 * {@link #constantTimeEquals}.
 */
public final class Bytes {
    public static final Bytes EMPTY = new Bytes(new byte[0]);
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] bytes;

    private Bytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A copy of {@code b}. */
    public static Bytes of(byte[] b) {
        return b.length == 0 ? EMPTY : new Bytes(b.clone());
    }

    /** Takes ownership of {@code b} without copying (for decoders, which already hold a fresh copy). */
    static Bytes adopt(byte[] b) {
        return b.length == 0 ? EMPTY : new Bytes(b);
    }

    public static Bytes fromHex(String hex) {
        return adopt(HEX.parseHex(hex));
    }

    public int length() {
        return bytes.length;
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }

    public int get(int i) {
        return bytes[i] & 0xff;
    }

    /** A fresh copy of the contents. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    public void writeTo(TlsWriter w) {
        w.bytes(bytes);
    }

    /** Constant-time comparison with {@code other} (for verify_data and other secrets). */
    public boolean constantTimeEquals(byte[] other) {
        return MessageDigest.isEqual(bytes, other);
    }

    public String toHex() {
        return HEX.formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Hex, shortened past 64 bytes so a certificate chain does not flood a log line. */
    @Override
    public String toString() {
        if (bytes.length <= 64) {
            return toHex();
        }
        return HEX.formatHex(bytes, 0, 32) + "...(" + bytes.length + " bytes)";
    }
}
