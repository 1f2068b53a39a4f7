package dev.jtls.handshake.client;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Rewrites the plaintext handshake messages a server sends before its ChangeCipherSpec, one message
 * at a time (each result goes out in a record of its own). Records after the CCS pass unchanged.
 * Bytes of an incomplete record are held back until the rest arrives.
 */
final class ServerFlightTamper implements UnaryOperator<ByteBuffer> {
    private final Function<byte[], List<byte[]>> perMessage;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private boolean afterCcs;
    private List<byte[]> beforeCcs = List.of();

    /** @param perMessage maps one whole handshake message (header included) to what is sent instead */
    ServerFlightTamper(Function<byte[], List<byte[]>> perMessage) {
        this.perMessage = perMessage;
    }

    /** Replaces the message of type {@code type} by what {@code f} makes of it; others pass. */
    static ServerFlightTamper onType(int type, Function<byte[], List<byte[]>> f) {
        return new ServerFlightTamper(m -> (m[0] & 0xff) == type ? f.apply(m) : List.of(m));
    }

    /** Also sends these handshake messages (plaintext) right before the server's ChangeCipherSpec. */
    ServerFlightTamper beforeChangeCipherSpec(List<byte[]> messages) {
        this.beforeCcs = List.copyOf(messages);
        return this;
    }

    @Override
    public ByteBuffer apply(ByteBuffer in) {
        byte[] chunk = new byte[in.remaining()];
        in.get(chunk);
        pending.write(chunk, 0, chunk.length);
        byte[] all = pending.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pos = 0;
        while (all.length - pos >= 5) {
            int len = ((all[pos + 3] & 0xff) << 8) | (all[pos + 4] & 0xff);
            if (all.length - pos < 5 + len) {
                break;
            }
            int type = all[pos] & 0xff;
            if (type == 22 && !afterCcs) {
                int p = pos + 5;
                while (p < pos + 5 + len) {
                    int mlen = ((all[p + 1] & 0xff) << 16) | ((all[p + 2] & 0xff) << 8) | (all[p + 3] & 0xff);
                    byte[] message = Arrays.copyOfRange(all, p, p + 4 + mlen);
                    for (byte[] m : perMessage.apply(message)) {
                        out.write(22);
                        out.write(all[pos + 1]);
                        out.write(all[pos + 2]);
                        out.write(m.length >>> 8);
                        out.write(m.length & 0xff);
                        out.write(m, 0, m.length);
                    }
                    p += 4 + mlen;
                }
            } else {
                if (type == 20 && !afterCcs) {
                    afterCcs = true;
                    for (byte[] m : beforeCcs) {
                        out.write(22);
                        out.write(all[pos + 1]);
                        out.write(all[pos + 2]);
                        out.write(m.length >>> 8);
                        out.write(m.length & 0xff);
                        out.write(m, 0, m.length);
                    }
                }
                out.write(all, pos, 5 + len);
            }
            pos += 5 + len;
        }
        pending.reset();
        pending.write(all, pos, all.length - pos);
        return ByteBuffer.wrap(out.toByteArray());
    }
}
