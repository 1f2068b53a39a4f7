package dev.jtls.record;

/**
 * One whole handshake message as received: the exact bytes, header included, as the transcript
 * hash needs them (RFC 5246 §7.4.9: handshake_messages are the messages as sent on the wire).
 */
public record HandshakeFrame(byte[] raw) {
    public HandshakeFrame {
        if (raw.length < 4) {
            throw new IllegalArgumentException("a handshake message has a 4-byte header");
        }
    }

    public int type() {
        return raw[0] & 0xff;
    }

    public int bodyLength() {
        return raw.length - 4;
    }

    /** A reader over the body (without the 4-byte header). */
    public TlsReader body() {
        return new TlsReader(raw, 4, raw.length - 4);
    }
}
