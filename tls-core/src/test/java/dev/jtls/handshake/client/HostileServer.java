package dev.jtls.handshake.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.config.TlsConfig;
import dev.jtls.connection.TlsConnection;
import dev.jtls.crypto.CryptoProvider;
import dev.jtls.crypto.SignatureScheme;
import dev.jtls.suite.CipherSuite;
import dev.jtls.handshake.KeyBlock;
import dev.jtls.handshake.MasterSecret;
import dev.jtls.handshake.Side;
import dev.jtls.handshake.server.ServerHandshake;
import dev.jtls.message.Bytes;
import dev.jtls.message.ClientHello;
import dev.jtls.message.ServerHello;
import dev.jtls.message.ServerKeyExchange;
import dev.jtls.record.AlertDescription;
import dev.jtls.record.ContentType;
import dev.jtls.record.RecordProtection;
import dev.jtls.record.TlsAlertException;
import dev.jtls.record.TlsReader;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A scriptable hostile server for the jtls client, in memory. A real jtls server
 * ({@link ServerHandshake}) makes a correct flight; the script then rewrites it before the client
 * sees it: each plaintext handshake message may be replaced by any list of messages (built with the
 * message records' encoders or edited as raw bytes), the messages are cut into records as the
 * script says, and the final bytes of each flight may be edited raw. After the server's
 * ChangeCipherSpec, records pass unchanged unless {@link #protectedRecord} injects some: the
 * server's master secret comes from its key log, so injected records are properly encrypted.
 *
 * <p>The run ends when neither side makes progress or one fails; the client's fatal alert is then
 * delivered to the server, which must report it as received ({@code AlertReceived}).
 */
final class HostileServer {
    static final int HELLO_REQUEST = 0;
    static final int SERVER_HELLO = 2;
    static final int NEW_SESSION_TICKET = 4;
    static final int CERTIFICATE = 11;
    static final int SERVER_KEY_EXCHANGE = 12;
    static final int SERVER_HELLO_DONE = 14;

    final TlsConfig clientConfig;
    final TlsConnection client;
    final TlsConnection server;
    private final CryptoProvider crypto;
    /** Rewrites each plaintext handshake message the server sends (header included). */
    Function<byte[], List<byte[]>> messages = List::of;
    /** Cuts a flight's (rewritten) handshake messages into record bodies: one record per message (or per 2^14 bytes of it) by default. */
    Function<List<byte[]>, List<byte[]>> records = HostileServer::recordPerMessage;
    /** Edits the wire bytes of each flight before the client sees them. */
    UnaryOperator<byte[]> wire = UnaryOperator.identity();
    /** Records (type, plaintext) to encrypt with the server's keys and send once its Finished went out. */
    final List<Object[]> afterFinished = new ArrayList<>();

    /** Handshake messages to send in plaintext right before the server's ChangeCipherSpec. */
    final List<byte[]> beforeCcs = new ArrayList<>();
    private final Secrets secrets;
    byte[] clientHello;
    ServerHello originalServerHello;
    private boolean serverChangedCipherSpec;
    private long serverProtectedRecords;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final ByteBuffer clientIn = ByteBuffer.allocate(1 << 20);
    private final ByteBuffer serverIn = ByteBuffer.allocate(1 << 20);
    /** Application data bytes the client received. */
    int clientReceived;
    /** The server's failure once the client's alert reached it, if the client failed first. */
    TlsAlertException serverSaw;

    /**
     * The server config's key log: the last master secret logged (a resumed session keeps its
     * own), so that injected protected records can be sealed.
     */
    static final class Secrets implements dev.jtls.handshake.KeyLog {
        private volatile byte[] last;

        @Override
        public void logMasterSecret(byte[] clientRandom, byte[] masterSecret) {
            last = masterSecret.clone();
        }
    }

    /** @param serverConfig a server config whose key log is {@code secrets} */
    HostileServer(TlsConfig serverConfig, Secrets secrets, TlsConfig clientConfig) {
        this.clientConfig = clientConfig;
        this.secrets = secrets;
        this.crypto = serverConfig.crypto();
        this.server = TlsConnection.server(serverConfig);
        this.client = TlsConnection.client(clientConfig, JssePeer.HOST, 443);
    }

    /** Also sends this record, encrypted with the server's keys, after the server's Finished. */
    HostileServer protectedRecord(ContentType type, byte[] plaintext) {
        afterFinished.add(new Object[] {type, plaintext});
        return this;
    }

    /** Runs both sides until neither makes progress or one fails. */
    HostileServer run() {
        try {
            for (int round = 0; round < 1000; round++) {
                boolean progress = clientToServer();
                progress |= serverToClient();
                if (!progress || client.failure() != null) {
                    break;
                }
            }
        } catch (TlsAlertException e) {
            if (client.failure() == null) {
                throw e; // not the client's: a bug in the script
            }
            // The client failed: its alert goes to the server below.
        }
        if (client.failure() != null && server.failure() == null) {
            clientToServer();
            serverSaw = server.failure();
        }
        return this;
    }

    private boolean clientToServer() {
        ByteBuffer wire = ByteBuffer.allocate(1 << 20);
        if (client.takeOutgoing(wire) == 0) {
            return false;
        }
        wire.flip();
        if (clientHello == null) {
            // The first flight is the ClientHello in one record (jtls sends it so).
            clientHello = Arrays.copyOfRange(wire.array(), 5, wire.limit());
        }
        if (server.failure() != null) {
            return true;
        }
        try {
            deliver(server, wire, serverIn);
        } catch (TlsAlertException e) {
            // The server refused what the client sent (its Finished, after a tampered flight);
            // its alert goes to the client next.
        }
        return true;
    }

    private boolean serverToClient() {
        ByteBuffer out = ByteBuffer.allocate(1 << 22);
        if (server.takeOutgoing(out) == 0) {
            return false;
        }
        out.flip();
        byte[] bytes = wire.apply(rewrite(Arrays.copyOf(out.array(), out.limit())));
        clientReceived += deliver(client, ByteBuffer.wrap(bytes), clientIn);
        return true;
    }

    /** Feeds {@code src} to {@code to}, reading its plaintext into {@code app} as it goes; returns the plaintext bytes. */
    private static int deliver(TlsConnection to, ByteBuffer src, ByteBuffer app) {
        int read = 0;
        while (src.hasRemaining() && to.failure() == null) {
            int before = src.remaining();
            to.receive(src);
            read += to.read(app.clear());
            if (src.remaining() == before) {
                break;
            }
        }
        return read;
    }

    /** Rewrites one flight: handshake messages before the server's CCS, then injected protected records. */
    private byte[] rewrite(byte[] flight) {
        pending.write(flight, 0, flight.length);
        byte[] all = pending.toByteArray();
        pending.reset();
        ByteArrayOutputStream result = new ByteArrayOutputStream();
        List<byte[]> handshake = new ArrayList<>();
        ByteArrayOutputStream partial = new ByteArrayOutputStream();
        int pos = 0;
        while (all.length - pos >= 5) {
            int len = ((all[pos + 3] & 0xff) << 8) | (all[pos + 4] & 0xff);
            if (all.length - pos < 5 + len) {
                break;
            }
            int type = all[pos];
            if (type == 22 && !serverChangedCipherSpec) {
                partial.write(all, pos + 5, len);
                byte[] p = partial.toByteArray();
                int q = 0;
                while (p.length - q >= 4) {
                    int mlen = ((p[q + 1] & 0xff) << 16) | ((p[q + 2] & 0xff) << 8) | (p[q + 3] & 0xff);
                    if (p.length - q < 4 + mlen) {
                        break;
                    }
                    byte[] m = Arrays.copyOfRange(p, q, q + 4 + mlen);
                    if (m[0] == SERVER_HELLO) {
                        originalServerHello = decode(m, ServerHello::decode);
                    }
                    handshake.addAll(messages.apply(m));
                    q += 4 + mlen;
                }
                partial.reset();
                partial.write(p, q, p.length - q);
            } else {
                flushHandshake(handshake, result);
                if (type == 20 && !serverChangedCipherSpec) {
                    for (byte[] m : beforeCcs) {
                        writeRecord(result, 22, m);
                    }
                    serverChangedCipherSpec = true;
                } else if (serverChangedCipherSpec) {
                    serverProtectedRecords++;
                }
                result.write(all, pos, 5 + len);
                if (type == 22 && serverChangedCipherSpec && serverProtectedRecords == 1) {
                    // The server's Finished has gone: now the injected protected records.
                    for (Object[] r : afterFinished) {
                        byte[] sealed = seal((ContentType) r[0], (byte[]) r[1], serverProtectedRecords++);
                        result.write(sealed, 0, sealed.length);
                    }
                }
            }
            pos += 5 + len;
        }
        flushHandshake(handshake, result);
        pending.write(all, pos, all.length - pos);
        return result.toByteArray();
    }

    private void flushHandshake(List<byte[]> handshake, ByteArrayOutputStream result) {
        if (handshake.isEmpty()) {
            return;
        }
        for (byte[] body : records.apply(List.copyOf(handshake))) {
            writeRecord(result, 22, body);
        }
        handshake.clear();
    }

    static List<byte[]> recordPerMessage(List<byte[]> messages) {
        List<byte[]> out = new ArrayList<>();
        for (byte[] m : messages) {
            for (int p = 0; p < m.length || p == 0; p += RecordProtection.MAX_PLAINTEXT) {
                out.add(Arrays.copyOfRange(m, p, Math.min(m.length, p + RecordProtection.MAX_PLAINTEXT)));
            }
        }
        return out;
    }

    static void writeRecord(ByteArrayOutputStream out, int type, byte[] body) {
        out.write(type);
        out.write(3);
        out.write(3);
        out.write(body.length >>> 8);
        out.write(body.length & 0xff);
        out.write(body, 0, body.length);
    }

    /** Encrypts one record as the server would, from its logged master secret. */
    private byte[] seal(ContentType type, byte[] plaintext, long seq) {
        byte[] masterSecret = secrets.last;
        assertThat(masterSecret).as("the server's master secret (key log)").isNotNull();
        ServerHello sh = originalServerHello;
        CipherSuite suite = CipherSuite.fromCode(sh.cipherSuite().code());
        MasterSecret m = MasterSecret.fromSession(crypto, suite, true, masterSecret);
        KeyBlock block = m.keyBlock(clientRandom().toByteArray(), sh.random().toByteArray());
        RecordProtection p = block.protection(Side.SERVER, sh.extensionsOrEmpty().encryptThenMac());
        ByteBuffer buf = ByteBuffer.allocate(plaintext.length + 1024);
        buf.position(p.plaintextOffset());
        buf.put(plaintext);
        buf.flip();
        buf.limit(p.plaintextOffset() + plaintext.length);
        int n = p.seal(seq, type, buf);
        return Arrays.copyOf(buf.array(), n);
    }

    Bytes clientRandom() {
        return decode(clientHello, ClientHello::decode).random();
    }

    static <T> T decode(byte[] message, Function<TlsReader, T> decoder) {
        return new TlsReader(message, 4, message.length - 4).readAll("message", decoder);
    }

    /** A message of {@code type} with this body, header made to fit. */
    static byte[] message(int type, byte[] body) {
        byte[] m = new byte[4 + body.length];
        m[0] = (byte) type;
        m[1] = (byte) (body.length >>> 16);
        m[2] = (byte) (body.length >>> 8);
        m[3] = (byte) body.length;
        System.arraycopy(body, 0, m, 4, body.length);
        return m;
    }

    /** The message's body cut or padded (with zeros) to {@code length}, its header made to fit. */
    static byte[] resized(byte[] message, int length) {
        return message(message[0], Arrays.copyOfRange(message, 4, 4 + length));
    }

    /** Signs {@code ske}'s params again, so that a test can send a point of its choice with a valid signature. */
    ServerKeyExchange resign(ServerKeyExchange ske, SignatureScheme scheme, PrivateKey key) {
        ServerHello sh = originalServerHello;
        try {
            byte[] sig = crypto.sign(scheme, key, ske.signedData(clientRandom(), sh.random()));
            return new ServerKeyExchange(ske.group(), ske.publicKey(), ske.signatureAlgorithm(), Bytes.of(sig));
        } catch (InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The client failed with exactly {@code alert}, sent it to the server, and cached nothing:
     * every protocol error is fatal and a fatal alert ends the session (RFC 5246 §7.2.2).
     */
    void assertClientAlert(AlertDescription alert) {
        assertThat(client.failure()).as("the client's failure").isNotNull();
        assertThat(client.failure().description()).as(client.failure().getMessage()).isEqualTo(alert);
        assertThat(client.failure().getMessage()).doesNotStartWith("peer aborted: ");
        assertThat(client.status()).isEqualTo(TlsConnection.Status.CLOSED);
        assertThat(serverSaw).as("the server received the client's alert").isNotNull();
        assertThat(serverSaw.getMessage()).contains("peer aborted: it sent a fatal " + alert.rfcName());
        assertThat(clientConfig.clientSessionCache().size()).as("client cache entries").isZero();
    }
}
