package dev.jtls.proxy.server;

import dev.jtls.jsse.JtlsSSLSessionContext;
import dev.jtls.proxy.config.Defaults;
import dev.jtls.proxy.config.TicketConfig;
import dev.jtls.session.TicketSecret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.InvalidKeyException;
import java.util.Arrays;
import javax.net.ssl.SSLContext;

/**
 * The {@code tickets:} section at work: the secret every instance shares, read from its file or
 * environment variable, turned into a {@link TicketSecret} (whose keys rotate every {@code rotation},
 * the previous period's still opening tickets, RFC 5077 §4's "keys ... rotated"), and installed on a
 * listener's server session context, so that a ticket one instance issued resumes on any other.
 * Without a secret source each process keeps its own random keys.
 */
final class SharedTickets {
    private SharedTickets() {}

    /**
     * The secret the config names, or null when it names none.
     *
     * @throws InvalidKeyException naming the setting, for a missing, short or placeholder secret: the
     *                             proxy refuses to start rather than issue tickets no peer can open
     */
    static TicketSecret secret(TicketConfig config) throws InvalidKeyException {
        if (config == null || (config.secretFile() == null && config.secretEnv() == null)) {
            return null;
        }
        String where;
        byte[] raw;
        if (config.secretFile() != null) {
            where = "tickets.secret_file " + config.secretFile();
            try {
                raw = Files.readAllBytes(config.secretFile());
            } catch (IOException e) {
                throw new InvalidKeyException(where + ": cannot read the session-ticket secret: " + e.getMessage(), e);
            }
        } else {
            where = "tickets.secret_env " + config.secretEnv();
            String value = System.getenv(config.secretEnv());
            if (value == null) {
                throw new InvalidKeyException(where + ": the environment variable is not set");
            }
            raw = value.getBytes(StandardCharsets.UTF_8);
        }
        // The secret is the file's bytes as they are (e.g. `openssl rand -base64 48`), less the line end
        // an editor or echo adds, so every instance reading the same file derives the same keys.
        int n = raw.length;
        while (n > 0 && (raw[n - 1] == '\n' || raw[n - 1] == '\r')) {
            n--;
        }
        byte[] secret = Arrays.copyOf(raw, n);
        Arrays.fill(raw, (byte) 0);
        try {
            return TicketSecret.of(secret, config.rotation() == null ? Defaults.TICKET_ROTATION : config.rotation());
        } catch (IllegalArgumentException e) {
            throw new InvalidKeyException(where + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** From now on the listener's new handshakes seal and open tickets under keys derived from {@code secret}. */
    static void install(SSLContext context, TicketSecret secret) {
        ((JtlsSSLSessionContext) context.getServerSessionContext()).setTicketSecret(secret);
    }
}
