package dev.jtls.record;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Reassembles handshake messages (RFC 5246 §7.4: msg_type(1) + uint24 length + body) from the
 * plaintext of handshake records: a message may span several records and a record may hold
 * several messages (RFC 5246 §6.2.1). A message longer than the configured limit is refused as soon
 * as its header is seen, so no more than the limit is ever buffered. Not thread-safe.
 *
 * <p>Oversized messages get decode_error: RFC 5246 §7.2.2 "the length of the message was
 * incorrect" — a length outside what we accept — as rustls does; illegal_parameter is for fields
 * whose values are wrong, not for sizes.
 *
 * <p>The buffer is let go once a Finished message has been taken and nothing follows it: in TLS
 * 1.2 a received Finished is the last message of a handshake (RFC 5246 §7.4.9, figures 1 and 2),
 * so an idle established connection keeps no handshake buffer. A later message (HelloRequest or a
 * renegotiating ClientHello, which jtls refuses) gets a buffer of just its size.
 */
public final class HandshakeReassembler {
    /** Large enough for long certificate chains (RFC 5246 allows up to 2^24 - 1; nobody needs that). */
    public static final int DEFAULT_MAX_MESSAGE_LENGTH = 256 * 1024;
    private static final int HEADER = 4;
    private static final int INITIAL_CAPACITY = 1024;
    /** RFC 5246 §7.4: HandshakeType finished(20). */
    private static final int FINISHED = 20;
    private static final byte[] NONE = new byte[0];

    private final int maxMessageLength;
    private byte[] buf = new byte[INITIAL_CAPACITY];
    private int start;
    private int end;

    public HandshakeReassembler() {
        this(DEFAULT_MAX_MESSAGE_LENGTH);
    }

    public HandshakeReassembler(int maxMessageLength) {
        if (maxMessageLength < 0 || maxMessageLength > 0xffffff) {
            throw new IllegalArgumentException("max message length " + maxMessageLength);
        }
        this.maxMessageLength = maxMessageLength;
    }

    /** The buffer's size now (0 once a handshake has ended with a received Finished). */
    public int capacity() {
        return buf.length;
    }

    /** True if bytes of an incomplete message are buffered (so other record types must not arrive). */
    public boolean hasPartialMessage() {
        return end > start && !completeAt(start);
    }

    /**
     * Appends the plaintext of one handshake record. Call {@link #next()} until it returns null
     * before feeding again.
     *
     * @throws TlsAlertException decode_error if a message header claims more than the limit
     */
    public void feed(ByteBuffer fragment) {
        int n = fragment.remaining();
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end + n > HEADER + maxMessageLength + RecordProtection.MAX_PLAINTEXT) {
            throw new IllegalStateException("handshake messages fed without being taken with next()");
        }
        if (end + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(end + n, Math.min(buf.length * 2, HEADER + maxMessageLength + RecordProtection.MAX_PLAINTEXT)));
        }
        fragment.get(buf, end, n);
        end += n;
        checkHeaders();
    }

    private void checkHeaders() {
        int at = start;
        while (end - at >= HEADER) {
            int length = lengthAt(at);
            if (length > maxMessageLength) {
                throw new TlsAlertException(InvalidMessage.MESSAGE_TOO_LONG,
                        "handshake message of type " + (buf[at] & 0xff) + " claims " + length
                                + " bytes, over the limit of " + maxMessageLength);
            }
            at += HEADER + length;
        }
    }

    private int lengthAt(int at) {
        return ((buf[at + 1] & 0xff) << 16) | ((buf[at + 2] & 0xff) << 8) | (buf[at + 3] & 0xff);
    }

    private boolean completeAt(int at) {
        return end - at >= HEADER && end - at >= HEADER + lengthAt(at);
    }

    /** The next complete message, or null if none is complete yet. */
    public HandshakeFrame next() {
        if (!completeAt(start)) {
            return null;
        }
        int total = HEADER + lengthAt(start);
        byte[] raw = Arrays.copyOfRange(buf, start, start + total);
        start += total;
        if (start == end) {
            start = 0;
            end = 0;
            if (raw[0] == FINISHED) {
                buf = NONE;
            }
        }
        return new HandshakeFrame(raw);
    }
}
