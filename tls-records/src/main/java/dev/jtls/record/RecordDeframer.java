package dev.jtls.record;

import java.nio.ByteBuffer;

/**
 * Cuts the byte stream from the network into records (RFC 5246 §6.2.1), whatever the arrival
 * pattern: one byte at a time or several records at once. Each header is checked (type, version,
 * length) as soon as its 5 bytes are here, before any of its body is waited for.
 *
 * <p>The buffer starts at {@value #INITIAL_CAPACITY} bytes, which holds a handshake's records, and
 * grows (doubling) only while {@link #feed} has more bytes than room, never beyond the largest
 * legal record ({@value #MAX_CAPACITY} bytes): nothing grows with what the peer claims, and a
 * connection that never receives a large record never pays for (allocates and zeroes) an 18 KB
 * buffer — the cost that dominated a resumed handshake. After {@code feed}, either the source
 * is exhausted or the buffer is at its maximum and full, as when it was fixed at the maximum.
 * Not thread-safe.
 */
public final class RecordDeframer {
    static final int INITIAL_CAPACITY = 4096;
    static final int MAX_CAPACITY = RecordProtection.HEADER_LENGTH + RecordProtection.MAX_CIPHERTEXT;

    private static final byte[] NONE = new byte[0];
    /** How HTTP/1.x request lines (by method, and "PRI " for HTTP/2's preface) and status lines begin. */
    private static final String[] HTTP_STARTS = {"GET ", "POST", "HEAD", "PUT ", "HTTP", "DELE", "OPTI", "PATC",
        "CONN", "TRAC", "PRI "};

    /** Made on the first bytes fed: a caller that hands whole records ({@link #wholeRecordIn}) never needs it. */
    private byte[] buf = NONE;
    private ByteBuffer view;
    private int start;
    private int end;
    private int maxBodyLength = RecordProtection.MAX_PLAINTEXT;
    private ProtocolVersion expectedVersion;
    private ContentType type;
    private ProtocolVersion version;

    /**
     * Starts in the state for a peer's first flight: any {3,x} record version is accepted
     * (RFC 5246 Appendix E.1: a ClientHello record may carry {3,0} or {3,1}), and bodies up to 2^14.
     */
    public RecordDeframer() {
    }

    /** Demands exactly this record version from now on (after the ServerHello, RFC 5246 Appendix E.1). */
    public void expectVersion(ProtocolVersion version) {
        this.expectedVersion = version;
    }

    /** Accepts any {3,x} record version (only for the first message of a handshake). */
    public void acceptAnyVersion3() {
        this.expectedVersion = null;
    }

    /** The largest record body accepted: 2^14 in the clear, {@link RecordProtection#maxRecordBodyLength()} when protected. */
    public void maxBodyLength(int max) {
        if (max < 0 || max > RecordProtection.MAX_CIPHERTEXT) {
            throw new IllegalArgumentException("max body length " + max);
        }
        this.maxBodyLength = max;
    }

    /** The buffer's size now: 0 while nothing has been fed since it was last released. */
    public int capacity() {
        return buf.length;
    }

    /** Bytes buffered and not yet returned as records. */
    public int buffered() {
        return end - start;
    }

    /** Takes as many bytes from {@code src} as there is room for; returns how many. */
    public int feed(ByteBuffer src) {
        compact();
        growFor(src.remaining());
        int n = Math.min(src.remaining(), buf.length - end);
        src.get(buf, end, n);
        end += n;
        return n;
    }

    public int feed(byte[] src, int off, int len) {
        compact();
        growFor(len);
        int n = Math.min(len, buf.length - end);
        System.arraycopy(src, off, buf, end, n);
        end += n;
        return n;
    }

    /**
     * Lets go of the buffer if it holds nothing (it is made again, at its initial size, when bytes
     * come): an idle connection then keeps no receive buffer.
     */
    public void releaseIfEmpty() {
        if (start == end && buf.length > 0) {
            buf = NONE;
            view = null;
            start = 0;
            end = 0;
        }
    }

    /** Makes room for {@code incoming} more bytes if the buffer can still grow (doubling, up to the maximum). */
    private void growFor(int incoming) {
        if (incoming <= buf.length - end || buf.length == MAX_CAPACITY) {
            return;
        }
        int capacity = Math.max(buf.length, INITIAL_CAPACITY);
        while (capacity < MAX_CAPACITY && capacity - end < incoming) {
            capacity = Math.min(MAX_CAPACITY, capacity * 2);
        }
        buf = java.util.Arrays.copyOf(buf, capacity);
        view = ByteBuffer.wrap(buf);
    }

    private void compact() {
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
        }
    }

    /**
     * The next complete record, header included, as a view into this deframer's buffer
     * ({@code [position, limit)}), valid until the next call to {@code feed} or {@code next}; or
     * null if more bytes are needed. The caller may decrypt it in place.
     *
     * @throws TlsAlertException unexpected_message (unknown type), protocol_version (bad version),
     *                           record_overflow (length over the limit)
     */
    public ByteBuffer next() {
        int available = end - start;
        if (available < RecordProtection.HEADER_LENGTH) {
            return null;
        }
        int total = checkHeader(buf[start], buf[start + 1], buf[start + 2], buf[start + 3], buf[start + 4]);
        if (available < total) {
            return null;
        }
        view.limit(start + total);
        view.position(start);
        start += total;
        return view;
    }

    /**
     * The length, header included, of the record at {@code src}'s position if nothing is buffered
     * here and {@code src} holds all of it; -1 otherwise (then the bytes go through {@link #feed}).
     * The header is checked as by {@link #next()}, and on success {@link #type()} and
     * {@link #version()} describe this record. {@code src} is not moved.
     *
     * @throws TlsAlertException as {@link #next()}, for a bad header
     */
    public int wholeRecordIn(ByteBuffer src) {
        if (end != start || src.remaining() < RecordProtection.HEADER_LENGTH) {
            return -1;
        }
        int p = src.position();
        int total = checkHeader(src.get(p), src.get(p + 1), src.get(p + 2), src.get(p + 3), src.get(p + 4));
        return src.remaining() < total ? -1 : total;
    }

    /** Checks a record header (type, version, length) and takes up its type and version; returns the record's whole length. */
    private int checkHeader(byte typeCode, byte majorCode, byte minorCode, byte lengthHigh, byte lengthLow) {
        // Only a type no TLS record has can start an HTTP line: the usual record is not looked at twice.
        String http = ContentType.isKnown(typeCode & 0xff) ? null : plainHttp(typeCode, majorCode, minorCode, lengthHigh);
        if (http != null) {
            // Still RFC 5246 §6's unexpected_message for an unknown record type; the message says why.
            throw new TlsAlertException(RecordProblem.PLAIN_HTTP, "the peer sent plain HTTP, not TLS"
                    + " (its bytes begin \"" + http + "\"): it is an HTTP " + (http.startsWith("HTTP") ? "server" : "client")
                    + " talking to a TLS port");
        }
        ContentType t = ContentType.fromCode(typeCode & 0xff);
        int major = majorCode & 0xff;
        int minor = minorCode & 0xff;
        int length = ((lengthHigh & 0xff) << 8) | (lengthLow & 0xff);
        checkVersion(major, minor);
        if (length > maxBodyLength) {
            // RFC 5246 §6.2.1/§6.2.3: 2^14 in the clear, 2^14 + 2048 protected.
            throw new TlsAlertException(RecordProblem.RECORD_OVERFLOW,
                    "record length " + length + " exceeds the limit of " + maxBodyLength);
        }
        type = t;
        version = (expectedVersion != null) ? expectedVersion : new ProtocolVersion(major, minor);
        return RecordProtection.HEADER_LENGTH + length;
    }

    /**
     * The first four bytes if they start an HTTP/1.x request line or status line ("GET ", "POST",
     * "HTTP", ...; RFC 9112 §3, §4), else null. None of them is a TLS content type (20..23), so
     * this can only name the cause of a refusal, never refuse a record that would pass.
     */
    static String plainHttp(byte a, byte b, byte c, byte d) {
        String start = new String(new byte[] {a, b, c, d}, java.nio.charset.StandardCharsets.ISO_8859_1);
        for (String method : HTTP_STARTS) {
            if (start.equals(method)) {
                return start;
            }
        }
        return null;
    }

    private void checkVersion(int major, int minor) {
        if (expectedVersion == null) {
            if (major != 3) {
                throw new TlsAlertException(RecordProblem.BAD_RECORD_VERSION,
                        "record version " + new ProtocolVersion(major, minor) + " is not {3,x}");
            }
        } else if (major != expectedVersion.major() || minor != expectedVersion.minor()) {
            throw new TlsAlertException(RecordProblem.BAD_RECORD_VERSION,
                    "record version " + new ProtocolVersion(major, minor) + ", expected " + expectedVersion);
        }
    }

    /** The content type of the record last returned by {@link #next()}. */
    public ContentType type() {
        return type;
    }

    /** The record-layer version of the record last returned by {@link #next()}. */
    public ProtocolVersion version() {
        return version;
    }
}
