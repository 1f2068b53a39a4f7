package dev.jtls.message;

import dev.jtls.record.TlsAlertException;
import dev.jtls.record.InvalidMessage;
import dev.jtls.record.TlsReader;
import dev.jtls.record.TlsWriter;

/**
 * RFC 5246 §7.4.9 Finished: {@code opaque verify_data[verify_data_length]}; the length is the
 * suite's (12 for every TLS 1.2 suite jtls has), so the caller gives it. A body of another length
 * is decode_error. Compare verify_data with {@link Bytes#constantTimeEquals}.
 */
public record Finished(Bytes verifyData) implements HandshakeMessage {
    public static final int DEFAULT_VERIFY_DATA_LENGTH = 12;

    public Finished {
        Wire.require(verifyData.length() >= 1, "verify_data must not be empty");
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.FINISHED;
    }

    public static Finished decode(TlsReader r, int verifyDataLength) {
        if (r.remaining() != verifyDataLength) {
            throw new TlsAlertException(InvalidMessage.BAD_LENGTH, "Finished: verify_data of " + r.remaining() + " bytes, expected "
                    + verifyDataLength);
        }
        return new Finished(Bytes.adopt(r.bytes(verifyDataLength, "verify_data")));
    }

    @Override
    public void encode(TlsWriter w) {
        verifyData.writeTo(w);
    }
}
