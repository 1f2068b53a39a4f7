package dev.jtls.connection;

import dev.jtls.config.Limits;
import dev.jtls.config.TlsConfig;
import dev.jtls.handshake.HandshakeEvent;
import dev.jtls.handshake.HandshakeOutput;
import dev.jtls.handshake.HandshakeState;
import dev.jtls.message.PeerMisbehaved;
import dev.jtls.handshake.client.ClientHandshake;
import dev.jtls.handshake.server.ServerHandshake;
import dev.jtls.record.Alert;
import dev.jtls.record.AlertDescription;
import dev.jtls.record.AlertLevel;
import dev.jtls.record.AlertReceived;
import dev.jtls.record.ContentType;
import dev.jtls.record.HandshakeFrame;
import dev.jtls.record.HandshakeReassembler;
import dev.jtls.record.NullProtection;
import dev.jtls.record.RecordHeader;
import dev.jtls.record.ProtocolVersion;
import dev.jtls.record.RecordProtection;
import dev.jtls.record.RecordReader;
import dev.jtls.record.RecordWriter;
import dev.jtls.record.TlsAlertException;
import dev.jtls.record.TlsReader;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * A TLS 1.2 connection, client or server, without I/O (so that the SSLEngine, a socket and every
 * test are thin layers over it): it takes
 * bytes from the network ({@link #receive}) and plaintext from the application ({@link #write}),
 * and gives back bytes to send ({@link #takeOutgoing}) and plaintext received ({@link #read}).
 * No sockets, threads or clocks. Not thread-safe: the caller serialises access.
 *
 * <p>Any protocol failure queues a fatal alert for the peer, marks the connection failed and
 * throws the {@link TlsAlertException}; the caller should still send what {@link #takeOutgoing}
 * returns, then close the transport.
 */
public final class TlsConnection {
    /** Where a connection is. */
    public enum Status { HANDSHAKING, CONNECTED, CLOSED }

    /** Decrypted application data held for the application before we stop reading records (back-pressure). */
    private static final int MAX_BUFFERED_PLAINTEXT = 4 * RecordProtection.MAX_PLAINTEXT;
    private static final byte[] CHANGE_CIPHER_SPEC = {1};

    private final HandshakeReassembler reassembler;
    private final RecordReader reader;
    private final RecordWriter writer;
    private final Output output = new Output();
    // Sized for what a handshake reports (a few events, one or two undo actions): an idle
    // connection keeps both lists.
    private final ArrayList<HandshakeEvent> events = new ArrayList<>(4);
    private final List<Runnable> onFailure = new ArrayList<>(2);
    private HandshakeState state;
    /**
     * Both start with no buffer and grow when needed: allocating (zeroing) the 50 KB a full record
     * in each direction needs cost more than the rest of a resumed handshake's set-up.
     */
    private final OutgoingQueue outgoing = new OutgoingQueue();
    private final ReceivedPlaintext plaintextIn = new ReceivedPlaintext();
    private boolean firstMessageSeen;
    private boolean closeNotifyReceived;
    private boolean closeNotifySent;
    private boolean truncated;
    private TlsAlertException failure;
    private TlsTrace trace = TlsTrace.NONE;

    /** A client connection to {@code serverName} (may be null, or an IP address literal), port unknown. */
    public static TlsConnection client(TlsConfig config, String serverName) {
        return new TlsConnection(config.limits(), TlsTrace.NONE, out -> ClientHandshake.start(config, serverName, out));
    }

    /** A client connection to {@code host:port}: sessions are cached and offered per host, port and SNI. */
    public static TlsConnection client(TlsConfig config, String host, int port) {
        return client(config, TlsTrace.NONE, host, port);
    }

    /** As {@link #client(TlsConfig, String, int)}, tracing from the ClientHello on. */
    public static TlsConnection client(TlsConfig config, TlsTrace trace, String host, int port) {
        return new TlsConnection(config.limits(), trace, out -> ClientHandshake.start(config, host, port, out));
    }

    /**
     * A client connection to {@code host:port} that sends {@code sniHostName} as server_name
     * instead of a name derived from {@code host} (null: no server_name at all). The JSSE layer
     * uses it: there SSLParameters.setServerNames decides SNI, independently of the peer host.
     */
    public static TlsConnection client(TlsConfig config, String host, int port, String sniHostName) {
        return new TlsConnection(config.limits(), TlsTrace.NONE,
                out -> ClientHandshake.startWithSni(config, host, port, sniHostName, out));
    }

    /** A server connection with this configuration. */
    public static TlsConnection server(TlsConfig config) {
        return server(config, TlsTrace.NONE);
    }

    /** As {@link #server(TlsConfig)}, tracing from the ClientHello on. */
    public static TlsConnection server(TlsConfig config, TlsTrace trace) {
        return new TlsConnection(config.limits(), trace, out -> ServerHandshake.start(config));
    }

    /**
     * @param start makes the first state (the handshake packages own it); a client's sends its
     *              ClientHello through the output it is given
     */
    private TlsConnection(Limits limits, TlsTrace trace, Function<HandshakeOutput, HandshakeState> start) {
        this.reassembler = new HandshakeReassembler(limits.maxHandshakeMessageLength());
        this.reader = new RecordReader(reassembler, limits.maxEmptyRecords(), limits.maxWarningAlerts());
        this.writer = new RecordWriter(new NullProtection(ProtocolVersion.TLS1_2));
        this.trace = java.util.Objects.requireNonNull(trace);
        try {
            this.state = start.apply(output);
        } catch (TlsAlertException e) {
            throw fail(e);
        }
    }

    /** Reports every handshake message, ChangeCipherSpec and alert from now on to {@code trace}. */
    public void trace(TlsTrace trace) {
        this.trace = java.util.Objects.requireNonNull(trace);
    }

    public Status status() {
        if (failure != null || (closeNotifyReceived && closeNotifySent) || truncated) {
            return Status.CLOSED;
        }
        return state.isConnected() ? Status.CONNECTED : Status.HANDSHAKING;
    }

    /**
     * True once the handshake has finished, whatever happened after: a peer may send close_notify
     * in the same flight as its Finished, and then the status is already {@link Status#CLOSED}.
     */
    public boolean isHandshakeComplete() {
        return state.isConnected();
    }

    /** The fatal alert that ended this connection, sent or received; null if none. */
    public TlsAlertException failure() {
        return failure;
    }

    /** Negotiated facts reported by the handshake so far, in order. */
    public List<HandshakeEvent> events() {
        return Collections.unmodifiableList(events);
    }

    /**
     * Forgets the events reported so far, for a caller that has taken them up (the SSLEngine, once
     * its handshake is done): an idle connection then keeps none of them, nor the session and
     * certificates they refer to; {@link #events()} reports only later ones.
     */
    public void forgetEvents() {
        events.clear();
        events.trimToSize();
    }

    /** True once the peer has sent close_notify: no more data will come. */
    public boolean isInboundDone() {
        return closeNotifyReceived || failure != null || truncated;
    }

    /** True once we have sent close_notify or a fatal alert. */
    public boolean isOutboundDone() {
        return closeNotifySent || failure != null;
    }

    /** True if the transport ended without the peer's close_notify (RFC 5246 §7.2.1): data may be missing. */
    public boolean isTruncated() {
        return truncated;
    }

    /**
     * Takes bytes received from the network and processes every complete record in them. Stops
     * early, leaving bytes in {@code src}, while more than a few records of plaintext wait for
     * {@link #read}. {@code src}'s contents are left as they were (records are copied in).
     *
     * @return the number of bytes consumed
     * @throws TlsAlertException if the peer broke the protocol or sent a fatal alert
     */
    public int receive(ByteBuffer src) {
        return receiveRecords(src, null);
    }

    /**
     * As {@link #receive(ByteBuffer)}, on the data path an SSLEngine needs: a record that is whole
     * in {@code src} is opened in place there (its consumed bytes are overwritten with plaintext,
     * so no copy into an internal buffer), and application data goes straight into {@code dst},
     * after any plaintext still waiting for {@link #read}; what does not fit in {@code dst} waits
     * for {@link #read}. So a 16 KiB record costs one copy, into {@code dst}, and no allocation.
     *
     * @return the number of bytes consumed from {@code src}; {@code dst}'s position moves by the
     *         bytes delivered
     * @throws TlsAlertException if the peer broke the protocol or sent a fatal alert
     */
    public int receive(ByteBuffer src, ByteBuffer dst) {
        java.util.Objects.requireNonNull(dst, "dst");
        read(dst);
        return receiveRecords(src, dst);
    }

    /** Records whole in {@code src} are opened where they lie only on the path with a destination ({@code dst} not null). */
    private int receiveRecords(ByteBuffer src, ByteBuffer dst) {
        if (isInboundDone()) {
            return 0;
        }
        int start = src.position();
        try {
            while (!isInboundDone() && plaintextIn.remaining() < MAX_BUFFERED_PLAINTEXT) {
                if (dst != null && receiveInPlace(src, dst)) {
                    continue;
                }
                reader.feed(src);
                ContentType type = reader.next();
                if (type == null) {
                    break;
                }
                dispatch(type, reader.plaintext(), dst);
            }
        } catch (TlsAlertException e) {
            throw fail(e);
        }
        return src.position() - start;
    }

    /**
     * Handles the record at {@code src}'s position if it is whole there, without copying it in:
     * application data for {@code dst} is decrypted straight into it when nothing waits before
     * it and it has room; any other record is opened in place in {@code src}. False if the
     * record is not whole in {@code src} (it then goes through the deframer).
     */
    private boolean receiveInPlace(ByteBuffer src, ByteBuffer dst) {
        int total = reader.wholeRecordIn(src);
        if (total < 0) {
            return false;
        }
        int limit = src.limit();
        int end = src.position() + total;
        src.limit(end);
        try {
            if (reader.type() == ContentType.APPLICATION_DATA && state.isConnected()
                    && plaintextIn.isEmpty() && dst.remaining() >= reader.maxPlaintextLength(total)) {
                reader.openInto(src, dst);
            } else {
                dispatch(reader.openInPlace(src), src, dst);
            }
        } finally {
            src.limit(limit);
            src.position(end);
        }
        return true;
    }

    /** The transport reached end of stream: without a close_notify first, that is a truncation. */
    public void endOfInput() {
        if (!closeNotifyReceived && failure == null) {
            truncated = true;
        }
    }

    /** Handles one record's plaintext; application data goes to {@code dst} (may be null) when nothing waits before it. */
    private void dispatch(ContentType type, ByteBuffer fragment, ByteBuffer dst) {
        switch (type) {
            case HANDSHAKE:
                reassembler.feed(fragment);
                for (HandshakeFrame f = reassembler.next(); f != null; f = reassembler.next()) {
                    trace.handshake(TlsTrace.Direction.RECEIVED, f.raw());
                    state = state.handle(f, output);
                    if (!firstMessageSeen) {
                        // RFC 5246 Appendix E.1: only the first flight may carry another {3,x} record version.
                        firstMessageSeen = true;
                        reader.deframer().expectVersion(ProtocolVersion.TLS1_2);
                    }
                }
                break;
            case CHANGE_CIPHER_SPEC:
                // RFC 5246 §7.1: the message is a single byte of value 1. RFC 5246 names no alert
                // for anything else; RFC 8446 §5 does ("any other change_cipher_spec value ... MUST
                // abort the handshake with an unexpected_message alert"), as do OpenSSL and
                // tlsfuzzer test-ccs.py ("two bytes long CCS").
                if (fragment.remaining() != 1 || fragment.get(fragment.position()) != 1) {
                    throw new TlsAlertException(PeerMisbehaved.BAD_CHANGE_CIPHER_SPEC,
                            "ChangeCipherSpec must be the single byte 1");
                }
                trace.changeCipherSpec(TlsTrace.Direction.RECEIVED);
                state = state.handleChangeCipherSpec(output);
                break;
            case ALERT:
                byte[] body = new byte[fragment.remaining()];
                fragment.get(body);
                handleAlert(TlsReader.readAll(body, "Alert", Alert::decode));
                break;
            case APPLICATION_DATA:
                if (!state.isConnected()) {
                    // RFC 5246 §7.4: application data before the handshake is finished is not allowed.
                    throw new TlsAlertException(PeerMisbehaved.UNEXPECTED_APPLICATION_DATA,
                            "application data received while " + state.describe());
                }
                plaintextIn.deliver(fragment, dst);
                break;
            default:
                throw new AssertionError(type);
        }
    }

    private void handleAlert(Alert alert) {
        trace.alert(TlsTrace.Direction.RECEIVED, alert);
        if (alert.description() == AlertDescription.CLOSE_NOTIFY) {
            // RFC 5246 §7.2.1: answer with our own close_notify and discard anything pending.
            closeNotifyReceived = true;
            if (!closeNotifySent) {
                sendAlert(Alert.warning(AlertDescription.CLOSE_NOTIFY));
                closeNotifySent = true;
            }
            return;
        }
        if (alert.level() == AlertLevel.FATAL) {
            failed(new TlsAlertException(new AlertReceived(alert.description()),
                    "it sent a fatal " + alert.description().rfcName() + " alert"));
            throw failure;
        }
        // RFC 5246 §7.2.2: other warnings are noted and ignored; RecordReader bounds how many in a row.
    }

    /** Copies received application data into {@code dst}; returns how many bytes. */
    public int read(ByteBuffer dst) {
        return plaintextIn.read(dst);
    }

    /** Bytes of application data received and not yet read. */
    public int readable() {
        return plaintextIn.remaining();
    }

    /**
     * Protects application data for sending (fragmenting it into records as needed).
     *
     * @return the number of bytes taken from {@code src} (all of it)
     * @throws IllegalStateException before the handshake is done or after close
     */
    public int write(ByteBuffer src) {
        checkWritable();
        int total = 0;
        while (src.hasRemaining()) {
            ByteBuffer out = outgoing.room(writer.maxRecordSize(Math.min(src.remaining(), writer.maxFragmentLength())));
            total += writer.write(ContentType.APPLICATION_DATA, src, out);
        }
        return total;
    }

    /**
     * Protects application data straight into {@code dst}, the path an SSLEngine needs: bytes
     * already waiting to be sent go first ({@link #takeOutgoing}); then as many whole records as
     * fit in {@code dst} are sealed there (the plaintext is copied once, into {@code dst}, and
     * encrypted in place: no internal buffer, no allocation). Nothing is sealed while older bytes
     * are still waiting.
     *
     * @return the number of bytes taken from {@code src}, 0 if {@code dst} had no room for a record
     * @throws IllegalStateException before the handshake is done or after close
     */
    public int write(ByteBuffer src, ByteBuffer dst) {
        checkWritable();
        if (hasOutgoing()) {
            takeOutgoing(dst);
            if (hasOutgoing()) {
                return 0;
            }
        }
        if (!src.hasRemaining()) {
            return 0;
        }
        return writer.write(ContentType.APPLICATION_DATA, src, dst);
    }

    /**
     * As {@link #write(ByteBuffer, ByteBuffer)} for one record of what {@code srcs[offset, offset +
     * length)} hold, in order (an SSLEngine's wrap): sealed straight from the first source with
     * bytes if it holds the record's worth, else copied once to its place in {@code dst} and
     * sealed there.
     *
     * @return the number of bytes taken from the sources, 0 if {@code dst} had no room for the record
     * @throws IllegalStateException before the handshake is done or after close
     */
    public int write(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst) {
        checkWritable();
        if (hasOutgoing()) {
            takeOutgoing(dst);
            if (hasOutgoing()) {
                return 0;
            }
        }
        long available = 0;
        for (int i = offset; i < offset + length; i++) {
            available += srcs[i].remaining();
        }
        int fragment = (int) Math.min(available, writer.maxFragmentLength());
        if (fragment == 0 || dst.remaining() < writer.maxRecordSize(fragment)) {
            return 0;
        }
        return writer.writeGathered(ContentType.APPLICATION_DATA, srcs, offset, length, fragment, dst);
    }

    private void checkWritable() {
        if (!state.isConnected() || isOutboundDone()) {
            throw new IllegalStateException("cannot write application data: " + status()
                    + (failure != null ? " (" + failure.getMessage() + ")" : ""));
        }
    }

    /** Sends close_notify (RFC 5246 §7.2.1); reading may go on until the peer's arrives. */
    public void close() {
        if (!isOutboundDone()) {
            sendAlert(Alert.warning(AlertDescription.CLOSE_NOTIFY));
            closeNotifySent = true;
        }
    }

    /**
     * Ends the connection because of something this side decided (not the peer's input): a fatal
     * alert with {@code reason}'s description is queued for the peer, as for a protocol failure,
     * and the connection is failed. No-op if it has already failed.
     */
    public void abort(TlsAlertException reason) {
        fail(reason);
    }

    /** The most plaintext one record carries now (2^14, less if max_fragment_length or a local limit says so). */
    public int maxFragmentLength() {
        return writer.maxFragmentLength();
    }

    /** The most bytes one record with {@code plaintextLength} bytes of data takes on the wire under the current protection. */
    public int maxRecordSize(int plaintextLength) {
        return writer.maxRecordSize(Math.min(plaintextLength, writer.maxFragmentLength()));
    }

    /** Sends no record with more than {@code length} bytes of plaintext (at least 1), whatever the peer allows. */
    public void limitSendFragment(int length) {
        if (length < 1) {
            throw new IllegalArgumentException("fragment length must be positive: " + length);
        }
        writer.maxFragmentLength(Math.min(length, writer.maxFragmentLength()));
    }

    /**
     * Lets go of every internal buffer that holds nothing now; each is made again when it is
     * needed. For a connection about to sit idle (between requests, or held open by a server
     * with many clients): an established connection then keeps its keys and state but no
     * buffers. Nothing changes for the peer. The SSLEngine-shaped path
     * ({@link #write(ByteBuffer, ByteBuffer)}, {@link #receive(ByteBuffer, ByteBuffer)}) needs
     * none of these buffers for whole records, so calling this after each use costs nothing there.
     */
    public void releaseIdleBuffers() {
        outgoing.releaseIfEmpty();
        plaintextIn.releaseIfEmpty();
        reader.releaseIfDrained();
        // The handshake reassembler lets its buffer go by itself after the Finished it takes.
    }

    /**
     * The bytes of buffer this connection holds now, beyond its keys and handshake state: 0 for
     * an established connection with nothing in flight after {@link #releaseIdleBuffers}.
     */
    public int bufferCapacity() {
        return outgoing.capacity() + plaintextIn.capacity() + reader.bufferCapacity() + reassembler.capacity();
    }

    /** True if there are bytes waiting to go to the network. */
    public boolean hasOutgoing() {
        return outgoing.hasBytes();
    }

    /** Moves as many pending network bytes as fit into {@code dst}; returns how many. */
    public int takeOutgoing(ByteBuffer dst) {
        return outgoing.take(dst);
    }

    /**
     * Moves whole records waiting to be sent into {@code dst}, as many as fit and never part of one
     * (what an SSLEngine's wrap hands out); 0 if none waits or the next does not fit. Not to be mixed
     * with {@link #takeOutgoing}, which may leave part of a record behind.
     */
    public int takeOutgoingRecords(ByteBuffer dst) {
        return outgoing.takeRecords(dst);
    }

    /** The size of the next record waiting to be sent, header included; 0 if none. */
    public int nextOutgoingRecordLength() {
        return outgoing.nextRecordLength();
    }

    /**
     * The whole length of the record at {@code src}'s position, from its header, nothing consumed;
     * -1 until the header is there; a header no TLS 1.2 record has counts as its 5 bytes (see
     * {@link RecordHeader#length}).
     */
    public int nextRecordLength(ByteBuffer src) {
        return RecordHeader.length(src);
    }

    /** The content type in the header at {@code src}'s position; null if not there yet or not a TLS 1.2 type. */
    public ContentType nextRecordType(ByteBuffer src) {
        return RecordHeader.type(src);
    }

    /** The most application data a protected record of {@code recordLength} bytes (header included) opens to now. */
    public int maxPlaintextLength(int recordLength) {
        return reader.maxPlaintextLength(recordLength);
    }

    private TlsAlertException fail(TlsAlertException e) {
        if (failure == null) {
            // A fatal alert for the peer (the peer's own fatal alert was recorded in handleAlert).
            sendAlert(Alert.fatal(e.description() == AlertDescription.UNKNOWN
                    ? AlertDescription.INTERNAL_ERROR : e.description()));
            failed(e);
        }
        return e;
    }

    /** Records the failure and runs what the handshake registered to undo (e.g. cached sessions). */
    private void failed(TlsAlertException e) {
        failure = e;
        // RFC 5246 §7.2.2: a fatal alert invalidates the session.
        List<Runnable> actions = List.copyOf(onFailure);
        onFailure.clear();
        for (Runnable r : actions) {
            r.run();
        }
    }

    private void sendAlert(Alert alert) {
        trace.alert(TlsTrace.Direction.SENT, alert);
        ByteBuffer out = outgoing.room(writer.maxRecordSize(Alert.LENGTH));
        writer.write(ContentType.ALERT, ByteBuffer.wrap(alert.encode()), out);
    }

    /** Carries out what the handshake states ask, in order. */
    private final class Output implements HandshakeOutput {
        @Override
        public void sendHandshake(byte[] messageWithHeader) {
            trace.handshake(TlsTrace.Direction.SENT, messageWithHeader);
            ByteBuffer src = ByteBuffer.wrap(messageWithHeader);
            while (src.hasRemaining()) {
                ByteBuffer out = outgoing.room(writer.maxRecordSize(Math.min(src.remaining(), writer.maxFragmentLength())));
                writer.write(ContentType.HANDSHAKE, src, out);
            }
        }

        @Override
        public void sendChangeCipherSpec(RecordProtection protection) {
            trace.changeCipherSpec(TlsTrace.Direction.SENT);
            ByteBuffer out = outgoing.room(writer.maxRecordSize(1));
            writer.write(ContentType.CHANGE_CIPHER_SPEC, ByteBuffer.wrap(CHANGE_CIPHER_SPEC), out);
            writer.changeProtection(protection);
        }

        @Override
        public void changeReadProtection(RecordProtection protection) {
            reader.changeProtection(protection);
        }

        @Override
        public void maxSendFragment(int length) {
            writer.maxFragmentLength(Math.min(length, RecordProtection.MAX_PLAINTEXT));
        }

        @Override
        public void maxReceiveFragment(int length) {
            reader.maxProtectedPlaintext(length);
        }

        @Override
        public void sendWarning(AlertDescription description) {
            sendAlert(Alert.warning(description));
        }

        @Override
        public void event(HandshakeEvent event) {
            events.add(event);
        }

        @Override
        public void onFailure(Runnable action) {
            if (failure != null) {
                action.run();
            } else {
                onFailure.add(java.util.Objects.requireNonNull(action));
            }
        }
    }
}
