package dev.jtls.proxy.server;

import dev.jtls.proxy.balance.BackendState;
import dev.jtls.proxy.http.ExchangeRecord;
import dev.jtls.proxy.http.ProxyEvents;
import dev.jtls.proxy.http.TlsFacts;
import dev.jtls.proxy.log.AccessLog;
import dev.jtls.proxy.log.AccessLogEntry;
import dev.jtls.proxy.metrics.ProxyMetrics;
import java.time.Instant;

/** The listeners' events into the metrics and the access log, and on to an optional extra observer. */
final class ObservedEvents implements ProxyEvents {
    private final ProxyMetrics metrics;
    private final AccessLog accessLog;
    private final ProxyEvents extra;

    ObservedEvents(ProxyMetrics metrics, AccessLog accessLog, ProxyEvents extra) {
        this.metrics = metrics;
        this.accessLog = accessLog;
        this.extra = extra == null ? ProxyEvents.NONE : extra;
    }

    @Override
    public void connectionOpened(String listener) {
        metrics.listener(listener).connectionOpened();
        extra.connectionOpened(listener);
    }

    @Override
    public void connectionClosed(String listener) {
        metrics.listener(listener).connectionClosed();
        extra.connectionClosed(listener);
    }

    @Override
    public void connectionRefused(String listener) {
        extra.connectionRefused(listener);
    }

    @Override
    public void handshakeCompleted(String listener, TlsFacts facts) {
        if (facts.resumed()) {
            metrics.listener(listener).handshakeResumed();
        } else {
            metrics.listener(listener).handshakeFull();
        }
        extra.handshakeCompleted(listener, facts);
    }

    @Override
    public void handshakeFailed(String listener, String reason) {
        metrics.listener(listener).handshakeFailed(reason);
        extra.handshakeFailed(listener, reason);
    }

    @Override
    public void backendStateChanged(String pool, String backend, BackendState.Status from, BackendState.Status to,
                                    String reason) {
        extra.backendStateChanged(pool, backend, from, to, reason);
    }

    @Override
    public void exchangeCompleted(ExchangeRecord r) {
        metrics.request(r.pool(), r.backend(), r.status(), r.nanos(), r.backendNanos());
        if (accessLog.enabled()) {
            TlsFacts tls = r.tls();
            accessLog.log(new AccessLogEntry(Instant.now(), r.client(), tls == null ? null : tls.sni(),
                    tls == null ? null : tls.suite(), tls != null && tls.resumed(), r.listener(), r.pool(), r.backend(),
                    r.method(), r.target(), r.status(), r.bytesIn(), r.bytesOut(), r.nanos() / 1_000_000));
        }
        extra.exchangeCompleted(r);
    }
}
