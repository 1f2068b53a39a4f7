package dev.jtls.record;

import java.nio.ByteBuffer;

/**
 * The read side of the record layer: deframing, the read protection state with its sequence
 * number, and the limits on what a peer may send without making progress. Each record is opened in
 * place in the deframer's buffer. Not thread-safe.
 */
public final class RecordReader {
    /** OpenSSL's MAX_EMPTY_RECORDS: enough for a peer's CBC 1/n-1 splitting, too few for a DoS. */
    public static final int DEFAULT_MAX_EMPTY_RECORDS = 32;
    /** Warning alerts in a row before we give up (CVE-2016-8610, "SSL Death Alert"). */
    public static final int DEFAULT_MAX_WARNING_ALERTS = 4;

    private final RecordDeframer deframer = new RecordDeframer();
    private final HandshakeReassembler handshake;
    private final int maxEmptyRecords;
    private final int maxWarningAlerts;
    private RecordProtection protection = new NullProtection(ProtocolVersion.TLS1_2);
    private SequenceNumber seq = new SequenceNumber();
    private int emptyInARow;
    private int warningsInARow;
    private int maxProtectedPlaintext = RecordProtection.MAX_PLAINTEXT;
    private ContentType type;
    private ByteBuffer plaintext;

    public RecordReader(HandshakeReassembler handshake) {
        this(handshake, DEFAULT_MAX_EMPTY_RECORDS, DEFAULT_MAX_WARNING_ALERTS);
    }

    /** @param handshake consulted so that no ChangeCipherSpec interleaves a partial handshake message */
    public RecordReader(HandshakeReassembler handshake, int maxEmptyRecords, int maxWarningAlerts) {
        this.handshake = handshake;
        this.maxEmptyRecords = maxEmptyRecords;
        this.maxWarningAlerts = maxWarningAlerts;
    }

    public RecordDeframer deframer() {
        return deframer;
    }

    /** Installs a new read state (after ChangeCipherSpec); the sequence number restarts at 0 (RFC 5246 §6.1). */
    public void changeProtection(RecordProtection p) {
        protection = p;
        seq = new SequenceNumber();
        deframer.maxBodyLength(p.maxRecordBodyLength());
    }

    /**
     * Refuses protected records whose plaintext is over {@code max} bytes with record_overflow
     * (RFC 8449 §4: the record_size_limit we advertised binds protected records only).
     */
    public void maxProtectedPlaintext(int max) {
        if (max < 1 || max > RecordProtection.MAX_PLAINTEXT) {
            throw new IllegalArgumentException("plaintext limit " + max);
        }
        this.maxProtectedPlaintext = max;
    }

    public int feed(ByteBuffer src) {
        return deframer.feed(src);
    }

    /**
     * Opens the next complete record, or returns null if more bytes are needed. After a non-null
     * return, {@link #plaintext()} is the record's content, valid until the next call.
     */
    public ContentType next() {
        ByteBuffer record = deframer.next();
        if (record == null) {
            return null;
        }
        ContentType t = deframer.type();
        int length = protection.open(seq.next(), record);
        checkLimits(t, record, length);
        type = t;
        plaintext = record;
        return t;
    }

    /**
     * The length, header included, of the record at {@code src}'s position if it can be opened
     * where it lies: nothing is buffered here, {@code src} holds all of it and is writable. -1
     * otherwise: then the bytes go through {@link #feed} and {@link #next}. The header is checked
     * and {@link #type()} is the record's type. {@code src} is not moved.
     *
     * <p>Opening where it lies — the usual case for a caller that hands whole records, as an
     * SSLEngine's does — means the record is never copied into the deframer.
     *
     * @throws TlsAlertException for a bad header, as {@link #next()}
     */
    public int wholeRecordIn(ByteBuffer src) {
        if (src.isReadOnly()) {
            return -1;
        }
        int total = deframer.wholeRecordIn(src);
        if (total >= 0) {
            type = deframer.type();
        }
        return total;
    }

    /**
     * Lets go of the receive buffer if nothing is buffered in it (it is made again when bytes
     * come), and of the view of the last record's plaintext, which would keep it alive.
     */
    public void releaseIfDrained() {
        if (deframer.buffered() == 0) {
            plaintext = null;
            deframer.releaseIfEmpty();
        }
    }

    /** The receive buffer's size now: 0 while no partial record has been fed since it was last released. */
    public int bufferCapacity() {
        return deframer.capacity();
    }

    /** The most plaintext a record of {@code recordLength} bytes (header included) opens to now. */
    public int maxPlaintextLength(int recordLength) {
        return protection.maxPlaintextLength(recordLength - RecordProtection.HEADER_LENGTH);
    }

    /**
     * Opens the record {@link #wholeRecordIn} found, which the caller has bounded:
     * {@code src[position, limit)} is exactly the record. It is decrypted over itself: on return
     * {@code src[position, limit)} is its plaintext.
     *
     * @return the record's type
     */
    public ContentType openInPlace(ByteBuffer src) {
        int length = protection.open(seq.next(), src);
        checkLimits(type, src, length);
        plaintext = null;
        return type;
    }

    /**
     * Opens the application data record {@link #wholeRecordIn} found, bounded by the caller as
     * for {@link #openInPlace}, straight into {@code dst}, which has room for
     * {@link #maxPlaintextLength} of it.
     *
     * @return the plaintext length; {@code dst} has moved past it
     */
    public int openInto(ByteBuffer src, ByteBuffer dst) {
        if (type != ContentType.APPLICATION_DATA) {
            throw new IllegalStateException("only application data opens into the caller's buffer");
        }
        int length = protection.open(seq.next(), src, dst);
        checkLimits(type, src, length);
        plaintext = null;
        return length;
    }

    private void checkLimits(ContentType t, ByteBuffer record, int length) {
        if (length > maxProtectedPlaintext && !(protection instanceof NullProtection)) {
            // RFC 8449 §4: "An endpoint that receives a record that is larger than its advertised
            // limit MUST generate a fatal record_overflow alert".
            throw new TlsAlertException(RecordProblem.RECORD_SIZE_LIMIT_EXCEEDED, "record plaintext of " + length
                    + " bytes exceeds the record_size_limit of " + maxProtectedPlaintext + " we advertised (RFC 8449 §4)");
        }
        // RFC 5246 §6.2.1: "Data of different TLS record layer content types MAY be interleaved
        // ... Recipients MUST receive and process interleaved application layer traffic during
        // handshakes subsequent to the first one": alerts and application data between fragments of
        // a handshake message go on to the connection (which refuses data before the first
        // handshake is over). A ChangeCipherSpec cannot: it changes the keys between two whole
        // handshake messages (RFC 5246 §7.1; tlsfuzzer test-interleaved-CKE-with-CCS.py expects
        // unexpected_message). (TLS 1.3, RFC 8446 §5.1, forbids all interleaving; not TLS 1.2.)
        if (t == ContentType.CHANGE_CIPHER_SPEC && handshake != null && handshake.hasPartialMessage()) {
            throw new TlsAlertException(RecordProblem.CHANGE_CIPHER_SPEC_INSIDE_HANDSHAKE,
                    "ChangeCipherSpec received in the middle of a fragmented handshake message");
        }
        if (length == 0) {
            // RFC 5246 §6.2.1: zero-length fragments of Handshake, Alert or ChangeCipherSpec MUST NOT be sent.
            if (t != ContentType.APPLICATION_DATA) {
                throw new TlsAlertException(RecordProblem.EMPTY_RECORD, "empty " + t + " record");
            }
            if (++emptyInARow > maxEmptyRecords) {
                throw new TlsAlertException(RecordProblem.TOO_MANY_EMPTY_RECORDS,
                        "more than " + maxEmptyRecords + " empty records in a row");
            }
            return;
        }
        emptyInARow = 0;
        if (t == ContentType.ALERT && length == Alert.LENGTH && record.get(record.position()) == 1) {
            if (++warningsInARow > maxWarningAlerts) {
                throw new TlsAlertException(RecordProblem.TOO_MANY_WARNING_ALERTS,
                        "more than " + maxWarningAlerts + " warning alerts in a row");
            }
        } else {
            warningsInARow = 0;
        }
    }

    /** The content type of the record last returned. */
    public ContentType type() {
        return type;
    }

    /** The plaintext of the record last returned ({@code [position, limit)}). */
    public ByteBuffer plaintext() {
        return plaintext;
    }
}
