package dev.jtls.jsse;

import dev.jtls.config.ClientAuth;
import dev.jtls.config.SuitePreference;
import dev.jtls.config.TlsConfig;
import dev.jtls.crypto.NamedGroup;
import dev.jtls.crypto.SignatureScheme;
import dev.jtls.session.TicketSealer;
import dev.jtls.suite.CipherSuite;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.net.ssl.SNIMatcher;

/**
 * A context's {@link TlsConfig}s, one per distinct set of engine parameters: building one per
 * handshake cost more than the rest of an engine's own work in a resumption, and servers make every
 * engine with the same parameters. The key holds the parameters as the configuration uses them
 * (already resolved: suites, groups and schemes after the names and algorithm constraints), so a
 * change to an engine's SSLParameters gives another key, and so another configuration.
 */
final class ConfigCache {
    /**
     * Enough for the parameter sets one application uses; past it the cache starts over (a
     * configuration is cheap to build again, and an application making ever new ones gains nothing).
     */
    static final int MAX_ENTRIES = 64;

    /**
     * What a configuration depends on. Matchers and the ticket sealer compare by identity (so does
     * SNIMatcher's equals); a new ticket secret ({@link JtlsSSLSessionContext#setTicketSecret}) so
     * makes a new key and only later handshakes use it.
     */
    record Key(boolean client, boolean sessionCreation, List<CipherSuite> suites, List<NamedGroup> groups,
               List<SignatureScheme> schemes, List<String> applicationProtocols, boolean alpnSelector,
               SuitePreference suitePreference, ClientAuth clientAuth, List<SNIMatcher> matchers,
               TicketSealer ticketSealer) {
        // Written out: looked up at every handshake, where the generated ones went through method handles.
        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Key)) {
                return false;
            }
            Key k = (Key) o;
            return client == k.client && sessionCreation == k.sessionCreation && alpnSelector == k.alpnSelector
                    && suitePreference == k.suitePreference && clientAuth == k.clientAuth && ticketSealer == k.ticketSealer
                    && suites.equals(k.suites) && groups.equals(k.groups) && schemes.equals(k.schemes)
                    && applicationProtocols.equals(k.applicationProtocols) && matchers.equals(k.matchers);
        }

        @Override
        public int hashCode() {
            int h = suites.hashCode();
            h = 31 * h + groups.hashCode();
            h = 31 * h + schemes.hashCode();
            h = 31 * h + applicationProtocols.hashCode();
            h = 31 * h + matchers.hashCode();
            h = 31 * h + System.identityHashCode(ticketSealer);
            return 31 * h + (client ? 1 : 0) + (sessionCreation ? 2 : 0) + (alpnSelector ? 4 : 0);
        }
    }

    /** A configuration and what each handshake session reports from it, made once with it. */
    record Shared(TlsConfig config, String[] localSignatureAlgorithms) {
    }

    private final ConcurrentHashMap<Key, Shared> entries = new ConcurrentHashMap<>();

    /** The configuration for {@code key}, built by {@code build} unless there is one already. */
    Shared get(Key key, Function<Key, Shared> build) {
        Shared s = entries.get(key);
        if (s != null) {
            return s;
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        return entries.computeIfAbsent(key, build);
    }

    int size() {
        return entries.size();
    }
}
