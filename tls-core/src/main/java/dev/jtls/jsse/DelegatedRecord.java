package dev.jtls.jsse;

import dev.jtls.record.ContentType;
import dev.jtls.record.RecordProtection;
import dev.jtls.record.TlsAlertException;
import java.nio.ByteBuffer;

/**
 * The engine's delegated task (NEED_TASK): which records go to it, the handshake record held in the engine's own copy until
 * the application runs the task that hands it to the connection, and the failure of that task,
 * which the engine's next wrap or unwrap throws (as SunJSSE does it). Guarded by the engine's lock.
 */
final class DelegatedRecord {
    private boolean changeCipherSpecRead;
    private ByteBuffer record;
    private boolean handedOut;
    private TlsAlertException failure;

    /**
     * Handshake records before the peer's ChangeCipherSpec go to a delegated task: they carry the
     * messages whose handling signs, verifies, agrees keys and calls the trust and key managers.
     * The Finished after ChangeCipherSpec is handled in unwrap, which so reports FINISHED itself.
     */
    boolean takes(ContentType type, int recordLength, boolean handshakeComplete) {
        return type == ContentType.HANDSHAKE && !changeCipherSpecRead && !handshakeComplete
                && recordLength > RecordProtection.HEADER_LENGTH;
    }

    /** Notes a record unwrap handed to the connection itself. */
    void received(ContentType type) {
        if (type == ContentType.CHANGE_CIPHER_SPEC) {
            changeCipherSpecRead = true;
        }
    }

    /** Copies the record of {@code recordLength} bytes at {@code src}'s position and moves {@code src} past it. */
    void hold(ByteBuffer src, int recordLength) {
        int start = src.position();
        ByteBuffer view = src.duplicate();
        view.limit(start + recordLength);
        record = ByteBuffer.allocate(recordLength).put(view).flip();
        src.position(start + recordLength);
    }

    boolean isWaiting() {
        return record != null;
    }

    /** {@code task} for the application once per record held; null if none waits or it was handed out. */
    Runnable handOut(Runnable task) {
        if (record == null || handedOut) {
            return null;
        }
        handedOut = true;
        return task;
    }

    /** The record for the task to hand on; null if it was dropped meanwhile. */
    ByteBuffer take() {
        ByteBuffer r = record;
        drop();
        return r;
    }

    /** The handshake is abandoned: its record is not read. */
    void drop() {
        record = null;
        handedOut = false;
    }

    void failed(TlsAlertException e) {
        failure = e;
    }

    /** The task's failure, once; null if none. */
    TlsAlertException takeFailure() {
        TlsAlertException e = failure;
        failure = null;
        return e;
    }

    int capacity() {
        return record == null ? 0 : record.capacity();
    }
}
