package dev.jtls.handshake;

/** Which end of the connection: picks the key block halves and the Finished label. */
public enum Side {
    CLIENT,
    SERVER;

    /** The other end. */
    public Side peer() {
        return this == CLIENT ? SERVER : CLIENT;
    }
}
