package dev.jtls.jsse;

import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;

/**
 * One direction's last {@link SSLEngineResult}, handed out again when the next is the same: on the
 * data path every wrap (or unwrap) of a full record reports the same counts, and a result is
 * immutable, so a bulk transfer makes no result objects. Guarded by the engine's lock.
 */
final class EngineResults {
    private SSLEngineResult last;

    SSLEngineResult of(Status status, HandshakeStatus handshakeStatus, int consumed, int produced) {
        SSLEngineResult r = last;
        if (r == null || r.getStatus() != status || r.getHandshakeStatus() != handshakeStatus
                || r.bytesConsumed() != consumed || r.bytesProduced() != produced) {
            r = new SSLEngineResult(status, handshakeStatus, consumed, produced);
            last = r;
        }
        return r;
    }
}
