package dev.jtls.handshake.server;

import dev.jtls.handshake.HandshakeOutput;
import dev.jtls.message.ClientHelloExtensions;
import dev.jtls.message.RecordSizeLimit;
import dev.jtls.message.ServerHelloExtensions;
import dev.jtls.record.RecordProtection;

/**
 * The server's answer to a client's record_size_limit (RFC 8449) or max_fragment_length (RFC 6066
 * §4), in full and abbreviated handshakes alike: acknowledge it in the ServerHello and keep the
 * records we send within it from then on.
 */
final class RecordLimits {
    private RecordLimits() {
    }

    /**
     * @param ownLimit our record_size_limit (TlsConfig.recordSizeLimit): RFC 8449 §4, an endpoint
     *                 "MUST NOT send a value higher than the protocol-defined maximum record size",
     *                 2^14 bytes of plaintext in TLS 1.2
     */
    static void acknowledge(ClientHelloExtensions ext, int ownLimit, ServerHelloExtensions.Builder sx, HandshakeOutput out) {
        if (ext.recordSizeLimit() != null) {
            // RFC 8449 §5: "A server that supports the record_size_limit extension MUST ignore a
            // max_fragment_length that appears in a ClientHello if both extensions appear."
            sx.recordSizeLimit(new RecordSizeLimit(ownLimit));
            // RFC 8449 §4: protected records over what we advertised are record_overflow.
            out.maxReceiveFragment(ownLimit);
            // RFC 8449 §4: in TLS 1.2 the limit is the largest plaintext the client accepts ("the
            // limit - 1" is TLS 1.3's, whose inner plaintext carries the content type). It binds
            // only protected records; applying it from the ServerHello on is stricter and allowed.
            out.maxSendFragment(Math.min(ext.recordSizeLimit().limit(), RecordProtection.MAX_PLAINTEXT));
        } else if (ext.maxFragmentLength() != null) {
            // RFC 6066 §4: the server echoes the same value ("the extension_data ... containing the
            // same value as requested") and at once fragments everything it sends, handshake
            // messages included, to at most that length. Invalid values were refused by the decoder
            // with illegal_parameter.
            sx.maxFragmentLength(ext.maxFragmentLength());
            out.maxSendFragment(ext.maxFragmentLength().length());
        }
    }
}
