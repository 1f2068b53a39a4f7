package dev.jtls.proxy.l4;

import dev.jtls.proxy.balance.BackendState;
import io.netty.channel.Channel;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link TcpRelay} reaches and watches its back ends; the connect deadline comes from the pool
 * ({@code timeouts.connect}, 5 s when unset).
 *
 * @param maxAttempts back ends tried in turn when connecting fails before any byte was relayed (≥ 1;
 *     default 3; never more than the pool's eligible back ends)
 * @param sendProxyHeader write a PROXY protocol v2 header first on each back-end connection
 * @param idleTimeout no byte either way for this long closes both sides; ZERO: never (default 1 h)
 * @param events metrics hook
 * @param channelType the back-end channel class; null: the client channel's own class (the same
 *     transport as the listener, so it runs on the client's event loop)
 * @param backendPipeline adds handlers to a new back-end channel before the relay's own (e.g. an
 *     {@code SslHandler} to re-encrypt); null: none
 */
public record RelaySettings(
        int maxAttempts,
        boolean sendProxyHeader,
        Duration idleTimeout,
        RelayEvents events,
        Class<? extends Channel> channelType,
        BackendPipeline backendPipeline) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final RelaySettings DEFAULT = new RelaySettings(3, false, Duration.ofHours(1), RelayEvents.NONE, null, null);

    /** Sets up a back-end channel's pipeline for {@code backend} (called before it connects). */
    @FunctionalInterface
    public interface BackendPipeline {
        void configure(Channel channel, BackendState backend);
    }

    public RelaySettings {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        events = events == null ? RelayEvents.NONE : events;
    }

    public RelaySettings withEvents(RelayEvents e) {
        return new RelaySettings(maxAttempts, sendProxyHeader, idleTimeout, e, channelType, backendPipeline);
    }

    public RelaySettings withProxyHeader(boolean send) {
        return new RelaySettings(maxAttempts, send, idleTimeout, events, channelType, backendPipeline);
    }

    public RelaySettings withIdleTimeout(Duration d) {
        return new RelaySettings(maxAttempts, sendProxyHeader, d, events, channelType, backendPipeline);
    }

    public RelaySettings withChannelType(Class<? extends Channel> type) {
        return new RelaySettings(maxAttempts, sendProxyHeader, idleTimeout, events, type, backendPipeline);
    }

    public RelaySettings withBackendPipeline(BackendPipeline p) {
        return new RelaySettings(maxAttempts, sendProxyHeader, idleTimeout, events, channelType, p);
    }
}
