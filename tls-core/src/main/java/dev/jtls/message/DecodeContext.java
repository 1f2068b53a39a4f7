package dev.jtls.message;

/**
 * What a decoder needs to know that is not in the message itself: the negotiated key exchange
 * (the ClientKeyExchange body depends on it; null before ServerHello) and the Finished
 * verify_data length (12 for every TLS 1.2 suite jtls supports, RFC 5246 §7.4.9).
 */
public record DecodeContext(KeyExchangeKind keyExchange, int verifyDataLength) {
    /** Before a suite is negotiated. */
    public static final DecodeContext INITIAL = new DecodeContext(null, Finished.DEFAULT_VERIFY_DATA_LENGTH);

    public DecodeContext {
        Wire.require(verifyDataLength >= 1 && verifyDataLength <= 0xffff, "verify_data length");
    }

    /** After ServerHello: the suite's key exchange and the usual 12-byte verify_data. */
    public static DecodeContext negotiated(KeyExchangeKind keyExchange) {
        return new DecodeContext(keyExchange, Finished.DEFAULT_VERIFY_DATA_LENGTH);
    }
}
