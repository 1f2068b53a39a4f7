package dev.jtls.connection;

import dev.jtls.record.Alert;

/**
 * Observes the protocol messages of one connection as they are sent and received, for ladders,
 * debugging and tests. Receives only what crosses the wire in the clear at the TLS layer
 * (handshake messages, ChangeCipherSpec, alerts) — never keys. Called on the connection's thread;
 * must not call back into the connection.
 */
public interface TlsTrace {
    /** Which way a message went. */
    enum Direction { SENT, RECEIVED }

    /** A handshake message, header included, exactly as it went into the transcript. */
    default void handshake(Direction direction, byte[] messageWithHeader) {
    }

    default void changeCipherSpec(Direction direction) {
    }

    default void alert(Direction direction, Alert alert) {
    }

    /** No tracing. */
    TlsTrace NONE = new TlsTrace() {
    };
}
