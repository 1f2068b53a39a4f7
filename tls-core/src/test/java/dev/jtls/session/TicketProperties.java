package dev.jtls.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.crypto.CryptoProvider;
import dev.jtls.crypto.CryptoProviders;
import dev.jtls.testing.MutableClock;
import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

class TicketProperties {
    private final MutableClock clock = new MutableClock();
    private final CryptoProvider crypto = CryptoProviders.defaults();
    private final TicketKeys keys = new TicketKeys(crypto, clock, Duration.ofHours(1), 1);
    private final TicketSealer sealer = new TicketSealer(crypto, keys, clock);

    @Property(tries = 2000)
    void randomBytesNeverThrowAndNeverOpen(@ForAll @Size(max = 400) byte[] ticket) {
        assertThat(sealer.open(ticket)).isNull();
    }

    @Property(tries = 1000)
    void randomBodyUnderTheRightKeyNameNeverOpens(@ForAll @Size(max = 400) byte[] body) {
        byte[] name = keys.current().name();
        byte[] ticket = new byte[16 + body.length];
        System.arraycopy(name, 0, ticket, 0, 16);
        System.arraycopy(body, 0, ticket, 16, body.length);
        assertThat(sealer.open(ticket)).isNull();
    }

    @Property(tries = 100)
    void sealedSessionsRoundTrip(@ForAll("sessions") Session s) {
        // Sessions dated at the test clock's "now" so that they are valid when opened.
        Session now = s.toBuilder().creationTime(clock.instant()).extendedMasterSecret(true)
                .lifetime(Duration.ofHours(1)).build();
        // The generated sessions are small enough to always fit a ticket.
        byte[] ticket = sealer.seal(now).orElseThrow();
        TicketSealer.Opened opened = sealer.open(ticket);
        assertThat(opened.session()).isEqualTo(now);
        assertThat(opened.renew()).isFalse();
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Session> sessions() {
        return SessionProperties.sessions();
    }
}
