package dev.jtls.proxy.http;

import dev.jtls.proxy.config.Cidr;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * The forwarding fields a request gains on its way to a back end: {@code X-Forwarded-For},
 * {@code X-Forwarded-Proto} and RFC 7239 {@code Forwarded}. A client inside a trusted hop (another
 * proxy of ours) keeps the values it sent and ours are appended; anyone else's are replaced, so a
 * client cannot make a back end believe in an address it made up.
 */
public final class ForwardedHeaders {
    private static final AsciiString X_FORWARDED_FOR = AsciiString.cached("x-forwarded-for");
    private static final AsciiString X_FORWARDED_PROTO = AsciiString.cached("x-forwarded-proto");
    private static final AsciiString FORWARDED = AsciiString.cached("forwarded");

    private final List<Cidr> trustedHops;

    public ForwardedHeaders(List<Cidr> trustedHops) {
        this.trustedHops = trustedHops == null ? List.of() : List.copyOf(trustedHops);
    }

    /**
     * The forwarding fields of one client connection (its address and whether it is a trusted hop are
     * worked out once, not per request).
     *
     * @param client the address the requests come from (the PROXY protocol's source when present), or null
     */
    public Hop forClient(InetAddress client) {
        return new Hop(client != null && trusted(client), client);
    }

    /** One client connection's forwarding fields; used on its event loop only. */
    public static final class Hop {
        private final boolean trusted;
        private final String ip;
        private final String node;
        private String lastHost;
        private String lastElement;

        private Hop(boolean trusted, InetAddress client) {
            this.trusted = trusted;
            // RFC 7239 §6.3: an address the proxy does not know is "unknown".
            this.ip = client == null ? "unknown" : client.getHostAddress();
            // RFC 7239 §6: an IPv6 address is bracketed and quoted.
            this.node = client instanceof Inet6Address ? "\"[" + ip + "]\"" : ip;
        }

        /** Sets the fields in {@code headers}; {@code host} is the Host the client asked for (RFC 7239 §5.3), or null. */
        public void apply(HttpHeaders headers, String host) {
            String xff = trusted ? joined(headers, X_FORWARDED_FOR) : null;
            headers.set(X_FORWARDED_FOR, xff == null ? ip : xff + ", " + ip);
            String proto = trusted ? headers.get(X_FORWARDED_PROTO) : null;
            headers.set(X_FORWARDED_PROTO, proto == null ? "https" : proto);
            String element = element(host);
            String forwarded = trusted ? joined(headers, FORWARDED) : null;
            headers.set(FORWARDED, forwarded == null ? element : forwarded + ", " + element);
        }

        /** RFC 7239 §4: for=, proto=, host= of this hop (a keep-alive client asks for the same host each time). */
        private String element(String host) {
            if (lastElement == null || !Objects.equals(host, lastHost)) {
                StringBuilder element = new StringBuilder("for=").append(node).append(";proto=https");
                if (host != null && !host.isEmpty()) {
                    element.append(";host=").append(quotedIfNeeded(host));
                }
                lastHost = host;
                lastElement = element.toString();
            }
            return lastElement;
        }
    }

    /** Whether {@code address} is inside one of the trusted hops. */
    public boolean trusted(InetAddress address) {
        for (Cidr c : trustedHops) {
            if (contains(c, address)) {
                return true;
            }
        }
        return false;
    }

    static boolean contains(Cidr cidr, InetAddress address) {
        byte[] net = cidr.network().getAddress();
        byte[] a = address.getAddress();
        if (net.length != a.length) {
            return false;
        }
        int bits = cidr.prefixLength();
        for (int i = 0; i < net.length && bits > 0; i++, bits -= 8) {
            int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
            if ((net[i] & mask) != (a[i] & mask)) {
                return false;
            }
        }
        return true;
    }

    private static String joined(HttpHeaders headers, CharSequence name) {
        List<String> values = headers.getAll(name);
        return values.isEmpty() ? null : String.join(", ", values);
    }

    /** RFC 7239 §4: a value that is not a token (a host with a port has ':') is a quoted-string. */
    private static String quotedIfNeeded(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_')) {
                return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            }
        }
        return value;
    }
}
