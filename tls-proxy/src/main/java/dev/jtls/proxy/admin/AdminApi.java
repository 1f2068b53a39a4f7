package dev.jtls.proxy.admin;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.jtls.proxy.balance.BackendState;
import dev.jtls.proxy.balance.PoolState;
import dev.jtls.proxy.config.BackendConfig;
import dev.jtls.proxy.metrics.ProxyMetrics;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The admin listener's routes, with no I/O (the Netty side is {@link AdminServer}):
 * <pre>
 * GET    /metrics                                   Prometheus text, no credentials
 * GET    /backends                                  every pool's back ends with their state
 * POST   /pools/{pool}/backends/{name}/weight       ?weight=N or {"weight": N}
 * POST   /pools/{pool}/backends/{name}/drain        no new requests; in-flight ones finish
 * POST   /pools/{pool}/backends/{name}/undrain      takes new requests again (slow start)
 * POST   /pools/{pool}/backends                     add: {"name": "...", "address": "host:port", "weight": N}
 * DELETE /pools/{pool}/backends/{name}              remove
 * POST   /reload                                    re-read the configuration (the server's hook)
 * </pre>
 * Everything but /metrics needs {@code Authorization: Bearer <token>}: none or another scheme is 401
 * with {@code WWW-Authenticate: Bearer}, a wrong token 401 with {@code error="invalid_token"} (RFC 6750
 * §3.1), and with no token configured the API is off: 403 for everyone. Errors are a 4xx with a
 * one-line JSON {@code {"error": "..."}}.
 */
final class AdminApi {
    /** The range the configuration file allows for a weight (pools.*.backends[].weight). */
    static final int MAX_WEIGHT = 1000;
    private static final String REALM = "Bearer realm=\"jtls-proxy\"";

    private final BearerToken token;
    private final ProxyMetrics metrics;
    private final Supplier<Map<String, PoolState>> pools;
    private final AdminServer.Reloader reloader;
    private final Executor blocking;

    AdminApi(String token, ProxyMetrics metrics, Supplier<Map<String, PoolState>> pools,
             AdminServer.Reloader reloader, Executor blocking) {
        this.token = new BearerToken(token);
        this.metrics = metrics;
        this.pools = pools;
        this.reloader = reloader;
        this.blocking = blocking;
    }

    /** One request: method, raw path (without the query), query parameters, Authorization, body. */
    CompletableFuture<AdminResponse> handle(String method, String path, Map<String, List<String>> query,
                                            String authorization, byte[] body) {
        String[] seg = segments(path);
        if (seg.length == 1 && seg[0].equals("metrics")) {
            return done(method.equals("GET") ? new AdminResponse(200, AdminResponse.PROMETHEUS_TEXT,
                    metrics.scrape().getBytes(StandardCharsets.UTF_8), null, null) : notAllowed("GET"));
        }
        Route route = Route.of(seg);
        if (route == null) {
            return done(AdminResponse.error(404, "no such admin resource: " + path));
        }
        if (!method.equals(route.method)) {
            return done(notAllowed(route.method));
        }
        switch (token.check(authorization)) {
            case API_DISABLED:
                return done(AdminResponse.error(403, "the runtime API is off: no admin token is configured"));
            case MISSING:
                return done(AdminResponse.error(401, "send Authorization: Bearer <admin token>")
                        .withHeader("WWW-Authenticate", REALM));
            case INVALID:
                return done(AdminResponse.error(401, "the admin token is wrong")
                        .withHeader("WWW-Authenticate", REALM + ", error=\"invalid_token\""));
            case ACCEPTED:
            default:
                break;
        }
        if (route == Route.RELOAD) {
            return reload();
        }
        try {
            return done(run(route, seg, query, body));
        } catch (NoSuchElementException e) {
            return done(AdminResponse.error(404, e.getMessage()));
        } catch (IllegalArgumentException | IllegalStateException | JsonParseException e) {
            return done(AdminResponse.error(400, String.valueOf(e.getMessage())));
        }
    }

    private AdminResponse run(Route route, String[] seg, Map<String, List<String>> query, byte[] body) {
        switch (route) {
            case BACKENDS:
                return AdminResponse.json(200, backends().toString());
            case WEIGHT: {
                PoolState pool = pool(seg[1]);
                int weight = weight(query, body);
                pool.setWeight(seg[3], weight);
                return AdminResponse.json(200, describe(pool, find(pool, seg[3])).toString());
            }
            case DRAIN: {
                PoolState pool = pool(seg[1]);
                pool.drain(seg[3]);
                return AdminResponse.json(200, describe(pool, find(pool, seg[3])).toString());
            }
            case UNDRAIN: {
                PoolState pool = pool(seg[1]);
                pool.undrain(seg[3]);
                return AdminResponse.json(200, describe(pool, find(pool, seg[3])).toString());
            }
            case ADD: {
                PoolState pool = pool(seg[1]);
                BackendConfig b = backendToAdd(body);
                if (pool.backend(PoolState.nameOf(b)).isPresent()) {
                    return AdminResponse.error(409, "pool " + pool.name() + " already has a back end " + PoolState.nameOf(b));
                }
                pool.add(b);
                return AdminResponse.json(201, describe(pool, find(pool, PoolState.nameOf(b))).toString());
            }
            case REMOVE: {
                PoolState pool = pool(seg[1]);
                pool.remove(seg[3]);
                JsonObject o = new JsonObject();
                o.addProperty("removed", seg[3]);
                o.addProperty("pool", pool.name());
                return AdminResponse.json(200, o.toString());
            }
            default:
                throw new IllegalStateException("unrouted " + route);
        }
    }

    private CompletableFuture<AdminResponse> reload() {
        if (reloader == null) {
            return done(AdminResponse.error(404, "reload is not available on this server"));
        }
        // Re-reading files is blocking: never on the event loop.
        return CompletableFuture.supplyAsync(() -> {
            try {
                JsonObject o = new JsonObject();
                o.addProperty("reloaded", true);
                o.addProperty("summary", reloader.reload());
                return AdminResponse.json(200, o.toString());
            } catch (Exception e) {
                // The old configuration keeps running; say why the new one was refused.
                return AdminResponse.error(422, "reload refused, the running configuration is unchanged: " + e.getMessage());
            }
        }, blocking);
    }

    private JsonObject backends() {
        JsonArray list = new JsonArray();
        for (PoolState pool : pools.get().values()) {
            for (BackendState b : pool.backends()) {
                list.add(describe(pool, b));
            }
        }
        JsonObject o = new JsonObject();
        o.add("backends", list);
        return o;
    }

    private static JsonObject describe(PoolState pool, BackendState b) {
        JsonObject o = new JsonObject();
        o.addProperty("pool", pool.name());
        o.addProperty("name", b.name());
        o.addProperty("address", hostPort(b.address()));
        o.addProperty("status", b.status().name());
        o.addProperty("weight", b.configuredWeight());
        o.addProperty("effectiveWeight", Math.round(b.weight() * 1000) / 1000.0);
        o.addProperty("inFlight", b.inFlight());
        return o;
    }

    private static String hostPort(InetSocketAddress a) {
        String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    private PoolState pool(String name) {
        PoolState p = pools.get().get(name);
        if (p == null) {
            throw new NoSuchElementException("no pool " + name);
        }
        return p;
    }

    private static BackendState find(PoolState pool, String name) {
        return pool.backend(name).orElseThrow(() -> new NoSuchElementException("pool " + pool.name() + " has no back end " + name));
    }

    private static int weight(Map<String, List<String>> query, byte[] body) {
        List<String> q = query.get("weight");
        if (q != null && !q.isEmpty()) {
            return parseWeight(q.get(0));
        }
        JsonObject o = object(body);
        JsonElement w = o.get("weight");
        if (w == null || !w.isJsonPrimitive()) {
            throw new IllegalArgumentException("give the weight as ?weight=N or {\"weight\": N}");
        }
        return parseWeight(w.getAsString());
    }

    private static int parseWeight(String s) {
        try {
            int w = Integer.parseInt(s.trim());
            if (w < 1 || w > MAX_WEIGHT) {
                throw new IllegalArgumentException("weight must be 1.." + MAX_WEIGHT + ", got " + w);
            }
            return w;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("weight must be a whole number, got \"" + s + "\"");
        }
    }

    private static BackendConfig backendToAdd(byte[] body) {
        JsonObject o = object(body);
        String address = string(o, "address");
        if (address == null) {
            throw new IllegalArgumentException("give the back end as {\"name\": \"...\", \"address\": \"host:port\", \"weight\": N}");
        }
        String name = string(o, "name");
        int weight = o.has("weight") ? parseWeight(o.get("weight").getAsString()) : 1;
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            throw new IllegalArgumentException("address must be host:port, got \"" + address + "\"");
        }
        String host = address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("address must be host:port, got \"" + address + "\"");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, got " + port);
        }
        return new BackendConfig(name, host, port, weight);
    }

    private static JsonObject object(byte[] body) {
        if (body == null || body.length == 0) {
            throw new IllegalArgumentException("a JSON object body is required");
        }
        JsonElement e = JsonParser.parseString(new String(body, StandardCharsets.UTF_8));
        if (!e.isJsonObject()) {
            throw new IllegalArgumentException("the body must be a JSON object");
        }
        return e.getAsJsonObject();
    }

    private static String string(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }

    private static AdminResponse notAllowed(String allowed) {
        return AdminResponse.error(405, "use " + allowed).withHeader("Allow", allowed);
    }

    private static CompletableFuture<AdminResponse> done(AdminResponse r) {
        return CompletableFuture.completedFuture(r);
    }

    private static String[] segments(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.isEmpty()) {
            return new String[0];
        }
        // Split the raw path, then decode each segment: a back-end name may hold an escaped '/' or ':'.
        String[] seg = p.split("/", -1);
        for (int i = 0; i < seg.length; i++) {
            seg[i] = QueryStringDecoder.decodeComponent(seg[i]);
        }
        return seg;
    }

    /** The API's resources, by path shape, with the one method each takes. */
    private enum Route {
        BACKENDS("GET"), WEIGHT("POST"), DRAIN("POST"), UNDRAIN("POST"), ADD("POST"), REMOVE("DELETE"), RELOAD("POST");

        final String method;

        Route(String method) {
            this.method = method;
        }

        static Route of(String[] s) {
            if (s.length == 1 && s[0].equals("backends")) {
                return BACKENDS;
            }
            if (s.length == 1 && s[0].equals("reload")) {
                return RELOAD;
            }
            if (s.length < 3 || !s[0].equals("pools") || !s[2].equals("backends") || s[1].isEmpty()) {
                return null;
            }
            if (s.length == 3) {
                return ADD;
            }
            if (s.length == 4 && !s[3].isEmpty()) {
                return REMOVE;
            }
            if (s.length == 5 && !s[3].isEmpty()) {
                switch (s[4]) {
                    case "weight": return WEIGHT;
                    case "drain": return DRAIN;
                    case "undrain": return UNDRAIN;
                    default: return null;
                }
            }
            return null;
        }
    }
}
