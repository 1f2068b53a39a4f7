package dev.jtls.proxy.server;

import dev.jtls.jsse.JtlsProvider;
import dev.jtls.proxy.balance.BackendState;
import dev.jtls.proxy.balance.PoolState;
import dev.jtls.proxy.config.ListenerConfig;
import dev.jtls.proxy.config.PoolConfig;
import dev.jtls.proxy.config.ProxyConfig;
import dev.jtls.proxy.config.TlsListenerConfig;
import dev.jtls.proxy.http.BackendConnector;
import dev.jtls.proxy.http.FrontendHandler;
import dev.jtls.proxy.http.HttpPipeline;
import dev.jtls.proxy.http.ListenerContext;
import dev.jtls.proxy.http.PoolRuntime;
import dev.jtls.proxy.http.ProxyEvents;
import dev.jtls.proxy.admin.AdminServer;
import dev.jtls.proxy.health.ActiveHealthChecker;
import dev.jtls.proxy.l4.ProxyProtocolGate;
import dev.jtls.proxy.l4.RelaySettings;
import dev.jtls.proxy.l4.SniPassthrough;
import dev.jtls.proxy.l4.TcpRelay;
import dev.jtls.proxy.log.AccessLog;
import dev.jtls.proxy.metrics.ProxyMetrics;
import io.netty.handler.ssl.SslHandler;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * The running proxy: one Netty server channel per listener on shared event loops, the pools' runtime
 * state, and the connector that keeps keep-alive connections to the back ends. {@link #start} binds
 * every listener (port 0 picks a free port; {@link #port} tells which), {@link #stop} drains: stop
 * accepting, let requests in progress finish up to {@code limits.drain_timeout}, then close the rest.
 */
public final class ProxyServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ProxyServer.class.getName());

    private volatile ProxyConfig config;
    private final ProxyMetrics metrics = new ProxyMetrics();
    private final AccessLog accessLog;
    private final ProxyEvents events;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final List<ActiveHealthChecker> checkers = new ArrayList<>();
    private AdminServer admin;
    private InetSocketAddress adminAddress;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final BackendConnector connector = new BackendConnector(NioSocketChannel.class);
    private final Map<String, PoolRuntime> pools = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, Channel> servers = new LinkedHashMap<>();
    private final Map<String, ListenerTls> tls = new java.util.concurrent.ConcurrentHashMap<>();
    private final ChannelGroup clients = new DefaultChannelGroup("clients", GlobalEventExecutor.INSTANCE);
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean stopped = new AtomicBoolean();
    /** Each listener's shared state for new connections; a reload swaps it (established ones keep theirs). */
    private final Map<String, java.util.concurrent.atomic.AtomicReference<ListenerContext>> live =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, ActiveHealthChecker> checkerOf = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile java.nio.file.Path configFile;
    private ConfigWatcher watcher;

    private ProxyServer(ProxyConfig config, ProxyEvents extra, int threads) {
        this.config = config;
        this.accessLog = AccessLog.open(config.accessLog());
        this.events = new ObservedEvents(metrics, accessLog, extra);
        this.boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        this.workers = new MultiThreadIoEventLoopGroup(threads == 0 ? config.workers() : threads, NioIoHandler.newFactory());
    }

    /** Starts the proxy: every listener bound, metrics and the access log as configured, health checks running. */
    public static ProxyServer start(ProxyConfig config) throws IOException, GeneralSecurityException, InterruptedException {
        return start(config, ProxyEvents.NONE, 0);
    }

    /**
     * @param extra told of every event besides the metrics and the access log (tests, the demo)
     * @param threads event-loop threads for connections; 0: the config's {@code workers:} (its 0: twice the cores)
     */
    public static ProxyServer start(ProxyConfig config, ProxyEvents extra, int threads)
            throws IOException, GeneralSecurityException, InterruptedException {
        ProxyServer server = new ProxyServer(config, extra, threads);
        try {
            server.bindAll();
        } catch (IOException | GeneralSecurityException | InterruptedException | RuntimeException e) {
            server.shutdownNow();
            throw e;
        }
        return server;
    }

    private void bindAll() throws IOException, GeneralSecurityException, InterruptedException {
        for (PoolConfig p : config.pools().values()) {
            pools.put(p.name(), newPool(p).runtime());
        }
        metrics.bindPools(this::pools);
        metrics.droppedCounter("access_log", accessLog, AccessLog::dropped);
        for (ListenerConfig l : config.listeners()) {
            if (l.tls() != null && l.mode() != ListenerConfig.Mode.PASSTHROUGH) {
                tls.put(l.name(), ListenerTls.create(l.mode() == ListenerConfig.Mode.HTTP ? http1Only(l.tls()) : l.tls()));
            }
        }
        installTicketSecret(config.tickets(), tls.values());
        for (ListenerConfig l : config.listeners()) {
            servers.put(l.name(), bind(l));
        }
        checkers.forEach(ActiveHealthChecker::start);
        if (config.admin() != null && config.admin().bind() != null) {
            admin = new AdminServer(config.admin(), metrics, this::pools, this::reloadFromFile);
            adminAddress = admin.start(boss);
        }
    }

    private Channel bind(ListenerConfig l) throws InterruptedException, IOException {
        AtomicInteger open = new AtomicInteger();
        ListenerContext first = ListenerContext.of(l, config.limits(), pools, connector, events, draining);
        live.put(l.name(), new java.util.concurrent.atomic.AtomicReference<>(first));
        RelaySettings relay = RelaySettings.DEFAULT.withEvents(metrics.relayEvents())
                .withBackendPipeline((ch, backend) -> {
                    PoolRuntime p = poolOf(l, backend);
                    if (p != null && p.backendTls() != null) {
                        ch.pipeline().addLast("tls", new SslHandler(p.clientEngine(backend)));
                    }
                });
        // One listener for every connection of this listener (not a closure per connection).
        ChannelFutureListener onClose = f -> {
            open.decrementAndGet();
            events.connectionClosed(l.name());
        };
        ServerBootstrap b = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (l.maxConnections() > 0 && open.incrementAndGet() > l.maxConnections()) {
                            open.decrementAndGet();
                            events.connectionRefused(l.name());
                            ch.close();
                            return;
                        } else if (l.maxConnections() <= 0) {
                            open.incrementAndGet();
                        }
                        clients.add(ch);
                        events.connectionOpened(l.name());
                        ch.closeFuture().addListener(onClose);
                        if (!l.proxyProtocol().isEmpty()) {
                            // Issue-15 L4 tier: the PROXY header comes before TLS, from trusted sources only.
                            ch.pipeline().addLast("proxy-protocol", new ProxyProtocolGate(l.proxyProtocol(),
                                    l.timeouts().handshake()));
                        }
                        // Read per connection: a reload swaps both for new connections only.
                        ListenerContext http = live.get(l.name()).get();
                        ListenerTls listenerTls = tls.get(l.name());
                        if (listenerTls != null) {
                            ch.pipeline().addLast("tls", listenerTls.newHandler(ch.alloc(),
                                    http.config().timeouts().handshake(), http.config().tls().strictAlpn()));
                            ch.pipeline().addLast("handshake", new HandshakeObserver(l.name(), events));
                        }
                        switch (l.mode()) {
                            case HTTP -> HttpPipeline.install(ch.pipeline(), http);
                            case TCP -> ch.pipeline().addLast("relay", new TcpRelay(pools.get(l.pool()).state(), relay));
                            case PASSTHROUGH -> ch.pipeline().addLast("passthrough", new SniPassthrough(l,
                                    name -> pools.containsKey(name) ? pools.get(name).state() : null, relay));
                        }
                    }
                });
        try {
            return b.bind(l.bind()).sync().channel();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                throw (InterruptedException) e;
            }
            throw new IOException("listener " + l.name() + ": cannot listen on " + l.bind() + ": " + e.getMessage(), e);
        }
    }

    /** Shared session-ticket keys (config {@code tickets:}) on every terminating listener; none: per-process keys. */
    private static void installTicketSecret(dev.jtls.proxy.config.TicketConfig tickets, java.util.Collection<ListenerTls> listeners)
            throws GeneralSecurityException {
        dev.jtls.session.TicketSecret secret = SharedTickets.secret(tickets);
        if (secret != null) {
            listeners.forEach(t -> SharedTickets.install(t.context(), secret));
        }
    }

    /** RFC 7301 §3.1: an http listener speaks HTTP/1.x only, so it must not agree to h2 or anything else. */
    private static TlsListenerConfig http1Only(TlsListenerConfig t) {
        List<String> alpn = t.alpn() == null ? List.of()
                : t.alpn().stream().filter(p -> p.equals("http/1.1") || p.equals("http/1.0")).toList();
        return new TlsListenerConfig(t.certificates(), alpn, t.clientAuth(), t.clientCa(), t.suites(), t.strictSni(),
                t.strictAlpn());
    }

    /** The pool of a tcp or passthrough listener that holds {@code backend}. */
    private PoolRuntime poolOf(ListenerConfig l, BackendState backend) {
        for (PoolRuntime p : pools.values()) {
            if (p.state().backends().contains(backend)) {
                return p;
            }
        }
        return null;
    }

    /** A jtls client context trusting the pool's CAs, for re-encryption toward its back ends. */
    private static SSLContext backendContext(PoolConfig p) throws IOException, GeneralSecurityException {
        SSLContext ctx = SSLContext.getInstance("TLSv1.2", new JtlsProvider());
        ctx.init(null, PemKeyMaterial.trustManagers(p.tls().trust()), null);
        return ctx;
    }

    /** A pool's runtime state with its health checker and pool-size gauges (health not started yet). */
    private record NewPool(PoolRuntime runtime, ActiveHealthChecker checker) {}

    private NewPool newPool(PoolConfig p) throws IOException, GeneralSecurityException {
        PoolState.StateListener counted = metrics.stateListener();
        // One log line and one metric per back-end state change.
        PoolState state = new PoolState(p, Clock.systemUTC(), (pool, backend, from, to, reason) -> {
            counted.changed(pool, backend, from, to, reason);
            events.backendStateChanged(pool, backend, from, to, reason);
        });
        PoolRuntime runtime = new PoolRuntime(p, state, p.tls() == null ? null : backendContext(p));
        ActiveHealthChecker checker = new ActiveHealthChecker(state, workers, NioSocketChannel.class,
                p.tls() == null ? null : (alloc, address) -> new SslHandler(runtime.clientEngine(address)));
        checkers.add(checker);
        checkerOf.put(p.name(), checker);
        for (BackendState b : state.backends()) {
            closeables.add(metrics.connectionPool(p.name(), b.name(), () -> connector.idleCount(b),
                    () -> Math.max(0, connector.openCount(b) - connector.idleCount(b))));
        }
        return new NewPool(runtime, checker);
    }

    /**
     * Reloads from {@code file} on change (file watch: the file and every certificate, key and secret it
     * names) and on the admin {@code POST /reload}. A configuration that does not load or apply is
     * refused with one line on stderr; the running one goes on.
     */
    public synchronized void watch(java.nio.file.Path file) throws IOException {
        this.configFile = file.toAbsolutePath();
        if (watcher != null) {
            watcher.close();
        }
        watcher = ConfigWatcher.start(configFile, () -> ConfigWatcher.referencedFiles(config), () -> {
            try {
                System.err.println("jtls proxy: " + reloadFromFile());
            } catch (Exception e) {
                System.err.println("jtls proxy: reload refused, the running configuration is unchanged: " + e.getMessage());
            }
        });
    }

    /** {@code POST /reload}: the watched file, loaded and applied; throws with the reason to refuse it. */
    private String reloadFromFile() throws Exception {
        java.nio.file.Path file = configFile;
        if (file == null) {
            throw new IllegalStateException("this proxy was not started from a configuration file");
        }
        try {
            return reload(dev.jtls.proxy.config.ConfigLoader.load(file));
        } catch (dev.jtls.proxy.config.ConfigException e) {
            throw new IllegalArgumentException(String.join("; ", e.problems().stream().map(Object::toString).toList()), e);
        }
    }

    /**
     * Applies {@code next} without dropping anything: connections from now on get the new certificates,
     * TLS settings, routes, pools and ticket keys at once; established connections and requests in
     * flight finish on what they started with. Pools whose configuration is unchanged keep their state
     * (health, ejections, admin changes, keep-alive connections); changed ones start afresh. Everything
     * is built before anything is swapped, so a bad certificate or secret leaves the running
     * configuration untouched. The listeners themselves (names, addresses, modes) need a restart.
     *
     * @return a one-line summary
     * @throws IllegalArgumentException naming what cannot change on reload
     */
    public synchronized String reload(ProxyConfig next) throws IOException, GeneralSecurityException {
        ProxyConfig now = config;
        Map<String, ListenerConfig> before = new LinkedHashMap<>();
        now.listeners().forEach(l -> before.put(l.name(), l));
        for (ListenerConfig l : next.listeners()) {
            ListenerConfig old = before.remove(l.name());
            if (old == null || !old.bind().equals(l.bind()) || old.mode() != l.mode()
                    || (old.tls() == null) != (l.tls() == null)) {
                throw new IllegalArgumentException("listener " + l.name() + ": a new listener, address, mode or TLS on/off "
                        + "needs a restart (reload changes certificates, TLS settings, routes, pools and tickets)");
            }
        }
        if (!before.isEmpty()) {
            throw new IllegalArgumentException("removing listener(s) " + before.keySet() + " needs a restart");
        }
        Map<String, ListenerTls> nextTls = new LinkedHashMap<>();
        for (ListenerConfig l : next.listeners()) {
            if (l.tls() != null && l.mode() != ListenerConfig.Mode.PASSTHROUGH) {
                nextTls.put(l.name(), ListenerTls.create(l.mode() == ListenerConfig.Mode.HTTP ? http1Only(l.tls()) : l.tls()));
            }
        }
        installTicketSecret(next.tickets(), nextTls.values());
        Map<String, ActiveHealthChecker> previous = Map.copyOf(checkerOf);
        Map<String, PoolRuntime> nextPools = new LinkedHashMap<>();
        List<NewPool> started = new java.util.ArrayList<>();
        List<String> kept = new java.util.ArrayList<>();
        try {
            for (PoolConfig p : next.pools().values()) {
                PoolRuntime old = pools.get(p.name());
                if (old != null && old.config().equals(p)) {
                    nextPools.put(p.name(), old);
                    kept.add(p.name());
                } else {
                    NewPool fresh = newPool(p);
                    started.add(fresh);
                    nextPools.put(p.name(), fresh.runtime());
                }
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            checkerOf.clear();
            checkerOf.putAll(previous);
            started.forEach(n -> checkers.remove(n.checker()));
            throw e;
        }
        // Built; now swap. New connections see the new TLS and listener state from here on.
        Set<String> gone = new java.util.HashSet<>(pools.keySet());
        gone.removeAll(kept);
        synchronized (pools) {
            pools.clear();
            pools.putAll(nextPools);
        }
        for (ListenerConfig l : next.listeners()) {
            live.get(l.name()).set(ListenerContext.of(l, next.limits(), nextPools, connector, events, draining));
        }
        tls.putAll(nextTls);
        config = next;
        started.forEach(n -> n.checker().start());
        for (String name : gone) {
            ActiveHealthChecker c = previous.get(name);
            if (c != null) {
                c.stop();
                checkers.remove(c);
            }
        }
        return "reloaded: " + next.listeners().size() + " listener(s) with new TLS contexts; pools kept " + kept
                + ", started afresh " + started.stream().map(n -> n.runtime().name()).toList();
    }

    /** The port a listener is bound to (the real one when the config said 0). */
    public int port(String listener) {
        Channel c = servers.get(listener);
        if (c == null) {
            throw new IllegalArgumentException("no listener named '" + listener + "'");
        }
        return ((InetSocketAddress) c.localAddress()).getPort();
    }

    /** Every listener's bound address, by name, in configuration order. */
    public Map<String, InetSocketAddress> boundAddresses() {
        Map<String, InetSocketAddress> m = new LinkedHashMap<>();
        servers.forEach((name, ch) -> m.put(name, (InetSocketAddress) ch.localAddress()));
        return m;
    }

    /** The pools' runtime state, by name (health checks, metrics and the admin API work on these). */
    public Map<String, PoolState> pools() {
        Map<String, PoolState> m = new LinkedHashMap<>();
        pools.forEach((name, p) -> m.put(name, p.state()));
        return m;
    }

    /** A listener's TLS (its SSLContext's session cache, for tests and the demo); null without TLS. */
    public ListenerTls listenerTls(String listener) {
        return tls.get(listener);
    }

    /** Idle and open keep-alive connections to a back end (metrics). */
    public int idleConnections(BackendState backend) {
        return connector.idleCount(backend);
    }

    public int openConnections(BackendState backend) {
        return connector.openCount(backend);
    }

    public EventLoopGroup eventLoops() {
        return workers;
    }

    /** The Prometheus registry and scrape of this proxy. */
    public ProxyMetrics metrics() {
        return metrics;
    }

    /** Where the admin listener is bound, or null when it is off. */
    public InetSocketAddress adminAddress() {
        return adminAddress;
    }

    /** Graceful stop with the configured drain timeout. */
    public void stop() throws InterruptedException {
        Duration drain = config.limits() == null || config.limits().drainTimeout() == null
                ? Duration.ofSeconds(10) : config.limits().drainTimeout();
        stop(drain);
    }

    /**
     * Stops accepting, tells every client connection to finish its request in progress and close, waits
     * up to {@code drain} for them, then closes whatever is left and releases the threads.
     */
    public void stop(Duration drain) throws InterruptedException {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        draining.set(true);
        for (Channel s : servers.values()) {
            s.close().awaitUninterruptibly();
        }
        for (Channel c : clients) {
            c.pipeline().fireUserEventTriggered(FrontendHandler.DRAIN);
        }
        long deadline = System.nanoTime() + drain.toNanos();
        while (!clients.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        shutdownNow();
    }

    private void shutdownNow() {
        draining.set(true);
        if (admin != null) {
            admin.close();
        }
        checkers.forEach(ActiveHealthChecker::stop);
        if (watcher != null) {
            watcher.close();
        }
        clients.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        connector.closeIdle();
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.DEBUG, "closing a metrics handle failed", e);
            }
        }
        accessLog.close();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
