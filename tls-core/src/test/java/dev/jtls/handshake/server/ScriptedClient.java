package dev.jtls.handshake.server;

import dev.jtls.connection.TlsConnection;
import dev.jtls.crypto.CryptoProvider;
import dev.jtls.crypto.Digest;
import dev.jtls.crypto.HashAlgorithm;
import dev.jtls.record.Alert;
import dev.jtls.record.ContentType;
import dev.jtls.record.HandshakeFrame;
import dev.jtls.record.HandshakeReassembler;
import dev.jtls.record.NullProtection;
import dev.jtls.record.ProtocolVersion;
import dev.jtls.record.RecordProtection;
import dev.jtls.record.RecordReader;
import dev.jtls.record.RecordWriter;
import dev.jtls.record.TlsAlertException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A hand-driven TLS client for conformance tests: sends exactly the bytes a test builds to a jtls
 * server {@link TlsConnection} and records what comes back — handshake messages, alerts (decrypted
 * once the server's ChangeCipherSpec arrived and {@link #serverWriteProtection} is set), application
 * data — and the exception the server threw, if any.
 */
final class ScriptedClient {
    final TlsConnection server;
    private final RecordWriter writer = new RecordWriter(new NullProtection(ProtocolVersion.TLS1_2));
    /** The protection {@link #writer} uses, and how many records it has sealed with it (the next sequence number). */
    private RecordProtection writeProtection = new NullProtection(ProtocolVersion.TLS1_2);
    private long recordsWritten;
    private final HandshakeReassembler reassembler = new HandshakeReassembler();
    private final RecordReader reader = new RecordReader(reassembler, 1000, 1000);
    private final ByteArrayOutputStream transcript = new ByteArrayOutputStream();
    final List<HandshakeFrame> received = new ArrayList<>();
    final List<Alert> alerts = new ArrayList<>();
    /** The content type of every record the server sent, in order. */
    final List<ContentType> recordTypes = new ArrayList<>();
    final ByteArrayOutputStream appData = new ByteArrayOutputStream();
    boolean serverChangedCipherSpec;
    /** The protection the server writes with, for reading after its ChangeCipherSpec. */
    RecordProtection serverWriteProtection;
    /** Asked for the server's write protection when its ChangeCipherSpec arrives and none was set. */
    java.util.function.Supplier<RecordProtection> serverWriteKeys;
    TlsAlertException serverFailure;
    /** Bytes the server sent in the last {@link #drain} (a test can assert it sent nothing). */
    int lastOutputLength;

    ScriptedClient(TlsConnection server) {
        this.server = server;
    }

    /** Raw bytes to the server, then reads what it answered. */
    void sendRaw(byte[] bytes) {
        try {
            ByteBuffer src = ByteBuffer.wrap(bytes);
            while (src.hasRemaining() && serverFailure == null) {
                int before = src.remaining();
                server.receive(src);
                if (src.remaining() == before) {
                    break;
                }
            }
        } catch (TlsAlertException e) {
            serverFailure = e;
        }
        drain();
    }

    /** One record of the given type, protected with the current write protection. */
    void sendRecord(ContentType type, byte[] body) {
        sendRaw(seal(type, body));
    }

    /** The records for {@code body}, protected, without sending them (a test may corrupt them first). */
    byte[] seal(ContentType type, byte[] body) {
        ByteBuffer out = ByteBuffer.allocate(body.length + 1024);
        ByteBuffer src = ByteBuffer.wrap(body);
        if (body.length == 0 && type != ContentType.APPLICATION_DATA) {
            // RecordWriter never makes these (RFC 5246 §6.2.1 forbids them); a hostile peer does.
            out.limit(writeProtection.plaintextOffset());
            int written = writeProtection.seal(recordsWritten, type, out);
            out.limit(out.capacity());
            out.position(written);
        } else if (body.length == 0) {
            writer.write(type, src, out);
        }
        while (src.hasRemaining()) {
            writer.write(type, src, out);
        }
        out.flip();
        byte[] bytes = new byte[out.remaining()];
        out.get(bytes);
        for (int at = 0; at + 5 <= bytes.length; at += 5 + ((bytes[at + 3] & 0xff) << 8 | (bytes[at + 4] & 0xff))) {
            recordsWritten++;
        }
        return bytes;
    }

    /** The sequence number of the next record this client protects. */
    long nextWriteSequence() {
        return recordsWritten;
    }

    /** A handshake message (header included): into our transcript, then to the server. */
    void sendHandshake(byte[] message) {
        transcript.write(message, 0, message.length);
        sendRecord(ContentType.HANDSHAKE, message);
    }

    void sendChangeCipherSpec(RecordProtection ours) {
        sendRecord(ContentType.CHANGE_CIPHER_SPEC, new byte[] {1});
        writer.changeProtection(ours);
        writeProtection = ours;
        recordsWritten = 0;
    }

    /** Hash of every handshake message sent and received so far. */
    byte[] transcriptHash(CryptoProvider crypto, HashAlgorithm hash) {
        Digest d = crypto.newDigest(hash);
        byte[] all = transcript.toByteArray();
        d.update(all, 0, all.length);
        return d.digest();
    }

    byte[] transcriptBytes() {
        return transcript.toByteArray();
    }

    HandshakeFrame frame(int type) {
        for (HandshakeFrame f : received) {
            if (f.type() == type) {
                return f;
            }
        }
        throw new AssertionError("the server sent no handshake message of type " + type + "; alerts " + alerts
                + ", failure " + serverFailure);
    }

    Alert lastAlert() {
        return alerts.isEmpty() ? null : alerts.get(alerts.size() - 1);
    }

    private void drain() {
        ByteBuffer out = ByteBuffer.allocate(1 << 20);
        server.takeOutgoing(out);
        out.flip();
        lastOutputLength = out.remaining();
        while (out.hasRemaining()) {
            reader.feed(out);
            for (ContentType t = reader.next(); t != null; t = reader.next()) {
                recordTypes.add(t);
                ByteBuffer p = reader.plaintext();
                byte[] body = new byte[p.remaining()];
                p.get(body);
                switch (t) {
                    case HANDSHAKE:
                        reassembler.feed(ByteBuffer.wrap(body));
                        for (HandshakeFrame f = reassembler.next(); f != null; f = reassembler.next()) {
                            received.add(f);
                            transcript.write(f.raw(), 0, f.raw().length);
                        }
                        break;
                    case ALERT:
                        alerts.add(Alert.decode(body));
                        break;
                    case CHANGE_CIPHER_SPEC:
                        serverChangedCipherSpec = true;
                        if (serverWriteProtection == null) {
                            serverWriteProtection = serverWriteKeys.get();
                        }
                        reader.changeProtection(serverWriteProtection);
                        break;
                    default:
                        appData.write(body, 0, body.length);
                        break;
                }
            }
        }
    }
}
