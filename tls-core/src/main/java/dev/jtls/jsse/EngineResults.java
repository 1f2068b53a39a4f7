package dev.jtls.jsse;

import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;

/**
 * Results handed out again when the same one is due: on the data path every wrap (or unwrap) of a
 * full record reports the same counts, so a bulk transfer makes no result objects. One small table
 * for all engines, so an idle engine keeps none. A result is immutable (final fields), so racing
 * threads at most replace each other's entries; a slot shared by two different results only costs
 * allocations.
 */
final class EngineResults {
    private static final int SLOTS = 256;
    private static final SSLEngineResult[] TABLE = new SSLEngineResult[SLOTS];

    private EngineResults() {
    }

    static SSLEngineResult of(Status status, HandshakeStatus handshakeStatus, int consumed, int produced) {
        int slot = ((consumed * 31 + produced) * 31 + status.ordinal() * 7 + handshakeStatus.ordinal()) & (SLOTS - 1);
        SSLEngineResult r = TABLE[slot];
        if (r == null || r.getStatus() != status || r.getHandshakeStatus() != handshakeStatus
                || r.bytesConsumed() != consumed || r.bytesProduced() != produced) {
            r = new SSLEngineResult(status, handshakeStatus, consumed, produced);
            TABLE[slot] = r;
        }
        return r;
    }
}
