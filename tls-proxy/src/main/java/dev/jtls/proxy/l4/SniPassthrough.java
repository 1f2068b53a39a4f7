package dev.jtls.proxy.l4;

import dev.jtls.message.ClientHello;
import dev.jtls.message.HandshakeType;
import dev.jtls.message.PeerMisbehaved;
import dev.jtls.message.ServerNameList;
import dev.jtls.proxy.balance.PoolState;
import dev.jtls.proxy.config.ListenerConfig;
import dev.jtls.record.Alert;
import dev.jtls.record.AlertDescription;
import dev.jtls.record.ContentType;
import dev.jtls.record.HandshakeFrame;
import dev.jtls.record.HandshakeReassembler;
import dev.jtls.record.ProtocolVersion;
import dev.jtls.record.RecordDeframer;
import dev.jtls.record.RecordProtection;
import dev.jtls.record.TlsAlertException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * SNI passthrough (no TLS termination): holds the client's first bytes until its ClientHello is whole
 * (it may span several records, RFC 5246 §6.2.1), reads the server_name with jtls's own record and
 * message decoders ({@link RecordDeframer}, {@link HandshakeReassembler}, {@link ClientHello},
 * {@link ServerNameList}), picks the pool ({@link SniRouter}: exact name, then {@code *.suffix}, then
 * the listener's default pool), and hands the connection to a {@link TcpRelay} that sends the held
 * bytes, untouched, first.
 *
 * <p>Every wait has a deadline (the listener's handshake timeout, 10 s when unset) and the buffer a cap:
 * a ClientHello body of at most {@value #MAX_HELLO_LENGTH} bytes and {@value #MAX_HELD} bytes held in
 * all. Anything that is not a TLS handshake starting with a ClientHello gets a fatal alert in the
 * clear and the connection is closed: the decoders' own alert for malformed input (decode_error,
 * unexpected_message, protocol_version, record_overflow, illegal_parameter), unrecognized_name for a
 * name no pool serves (RFC 6066 §3), handshake_failure for a hello without server_name when there is
 * no default pool. Nothing is thrown up the pipeline.
 */
public final class SniPassthrough extends ChannelInboundHandlerAdapter {
    /** The largest ClientHello body accepted (post-quantum key shares fit many times over). */
    public static final int MAX_HELLO_LENGTH = 16 * 1024;
    /** Bytes held while waiting for the hello: the largest hello spread over full records, with headers. */
    public static final int MAX_HELD = 2 * (RecordProtection.HEADER_LENGTH + 16 * 1024);
    static final Duration DEFAULT_HELLO_TIMEOUT = Duration.ofSeconds(10);

    private final SniRouter router;
    private final Function<String, PoolState> pools;
    private final RelaySettings settings;
    private final Duration helloTimeout;
    private final RecordDeframer records = new RecordDeframer();
    private final HandshakeReassembler messages = new HandshakeReassembler(MAX_HELLO_LENGTH);
    private CompositeByteBuf held;
    private ScheduledFuture<?> deadline;
    private boolean decided;

    /**
     * @param pools the running pools by name (a reload may swap what this returns); null: no such pool
     */
    public SniPassthrough(ListenerConfig listener, Function<String, PoolState> pools, RelaySettings settings) {
        this(new SniRouter(listener.sniPools(), listener.pool()), pools, settings,
                listener.timeouts() != null && listener.timeouts().handshake() != null
                        ? listener.timeouts().handshake() : DEFAULT_HELLO_TIMEOUT);
    }

    public SniPassthrough(SniRouter router, Function<String, PoolState> pools, RelaySettings settings, Duration helloTimeout) {
        this.router = router;
        this.pools = pools;
        this.settings = settings;
        this.helloTimeout = helloTimeout;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        // A client may send its hello and half-close at once: its FIN must become an event the
        // relay handles, not a close of the whole connection.
        ctx.channel().config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        held = ctx.alloc().compositeBuffer(64);
        if (ctx.channel().isActive()) {
            armDeadline(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        armDeadline(ctx);
        ctx.fireChannelActive();
    }

    private void armDeadline(ChannelHandlerContext ctx) {
        if (deadline == null && !decided) {
            deadline = ctx.executor().schedule((Runnable) ctx::close, helloTimeout.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (decided || !(msg instanceof ByteBuf)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        ByteBuf in = (ByteBuf) msg;
        if (held.readableBytes() + in.readableBytes() > MAX_HELD) {
            in.release();
            refuse(ctx, AlertDescription.DECODE_ERROR);
            return;
        }
        // Read a copy (the decoders keep their own), hold the original bytes for the back end.
        ByteBuffer view = ByteBuffer.allocate(in.readableBytes());
        in.getBytes(in.readerIndex(), view);
        view.flip();
        held.addComponent(true, in);
        ClientHello hello;
        try {
            hello = feed(view);
        } catch (TlsAlertException e) {
            refuse(ctx, e.description());
            return;
        } catch (RuntimeException e) {
            // A value check in a message constructor: still malformed input, never an exception upward.
            refuse(ctx, AlertDescription.DECODE_ERROR);
            return;
        }
        if (hello != null) {
            route(ctx, hello);
        }
    }

    /** Feeds bytes through the record and handshake layers; the ClientHello once whole, else null. */
    private ClientHello feed(ByteBuffer src) {
        while (src.hasRemaining()) {
            records.feed(src);
            ByteBuffer record;
            while ((record = records.next()) != null) {
                // RFC 5246 §7.4: the first thing a client sends is a handshake record holding a
                // ClientHello; any other record type here is unexpected (§6: unexpected_message).
                if (records.type() != ContentType.HANDSHAKE) {
                    throw new TlsAlertException(PeerMisbehaved.UNEXPECTED_MESSAGE,
                            "expected a handshake record with a ClientHello, got " + records.type());
                }
                record.position(record.position() + RecordProtection.HEADER_LENGTH);
                messages.feed(record);
                HandshakeFrame frame = messages.next();
                if (frame != null) {
                    if (frame.type() != HandshakeType.CLIENT_HELLO.code()) {
                        throw new TlsAlertException(PeerMisbehaved.UNEXPECTED_MESSAGE,
                                "expected ClientHello, got handshake type " + frame.type());
                    }
                    return ClientHello.decode(frame.body());
                }
            }
        }
        return null;
    }

    private void route(ChannelHandlerContext ctx, ClientHello hello) {
        ServerNameList names = hello.extensionsOrEmpty().serverName();
        String hostName = names == null ? null : names.hostName();
        String poolName = router.route(hostName);
        if (poolName == null) {
            // RFC 6066 §3: a name the server does not recognise may be answered with a fatal
            // unrecognized_name; with no name at all there is nothing to route by.
            refuse(ctx, hostName == null ? AlertDescription.HANDSHAKE_FAILURE : AlertDescription.UNRECOGNIZED_NAME);
            return;
        }
        PoolState pool = pools.apply(poolName);
        if (pool == null) {
            refuse(ctx, AlertDescription.INTERNAL_ERROR);
            return;
        }
        decided = true;
        cancelDeadline();
        ByteBuf bytes = held;
        held = null;
        ctx.pipeline().replace(this, "relay", new TcpRelay(pool, settings, bytes));
    }

    /** Sends a fatal alert in the clear (record version {3,3}) and closes; reads nothing more. */
    private void refuse(ChannelHandlerContext ctx, AlertDescription description) {
        decided = true;
        cancelDeadline();
        releaseHeld();
        byte[] alert = Alert.fatal(description).encode();
        ByteBuf record = Unpooled.buffer(RecordProtection.HEADER_LENGTH + alert.length)
                .writeByte(ContentType.ALERT.code())
                .writeByte(ProtocolVersion.TLS1_2.major())
                .writeByte(ProtocolVersion.TLS1_2.minor())
                .writeShort(alert.length)
                .writeBytes(alert);
        ctx.channel().config().setAutoRead(false);
        ctx.writeAndFlush(record).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == ChannelInputShutdownEvent.INSTANCE && !decided) {
            ctx.close(); // the hello can never be completed now
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelDeadline();
        releaseHeld();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancelDeadline();
        releaseHeld();
    }

    private void releaseHeld() {
        if (held != null) {
            held.release();
            held = null;
        }
    }

    private void cancelDeadline() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }
}
