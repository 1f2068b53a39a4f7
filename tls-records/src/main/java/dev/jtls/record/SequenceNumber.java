package dev.jtls.record;

/**
 * A 64-bit record sequence number (RFC 5246 §6.1: "Sequence numbers are of type uint64 and may not
 * exceed 2^64-1" and must never wrap). Once 2^64-1 has been handed out, {@link #next()} refuses.
 */
public final class SequenceNumber {
    private long next;
    private boolean exhausted;

    public SequenceNumber() {
        this(0);
    }

    /** Starts at an arbitrary (unsigned) value; for tests of the wrap refusal. */
    SequenceNumber(long start) {
        this.next = start;
    }

    /**
     * @return the sequence number for this record
     * @throws TlsAlertException internal_error once all 2^64 numbers have been used: the connection
     *                           must close rather than reuse a nonce or a MAC input
     */
    public long next() {
        if (exhausted) {
            throw new TlsAlertException(RecordProblem.SEQUENCE_NUMBER_EXHAUSTED,
                    "record sequence number exhausted (2^64 records); the connection must be closed");
        }
        long current = next;
        if (current == -1L) {
            exhausted = true;
        }
        next = current + 1;
        return current;
    }

    /** The value the next record will use (unsigned). */
    public long peek() {
        return next;
    }
}
