package dev.jtls.proxy.balance;

import java.util.List;

/**
 * A balancing policy: a plain object with no I/O, one per pool, called concurrently from every event
 * loop (implementations are thread-safe). State a policy keeps between picks (a round-robin position,
 * smooth-WRR current weights, a hash ring) is keyed by {@link Candidate#name()}, so a changed candidate
 * list (health, reload, admin) needs no notification.
 */
public interface Policy {

    /**
     * Picks one of {@code eligible}.
     *
     * @param eligible the back ends that may take the request now, never empty, in configuration order
     * @param key the request's hash key (client address or a configured header); {@link PickKey#NONE}
     *     when there is none; policies that do not hash ignore it
     * @return one element of {@code eligible}
     */
    Candidate pick(List<? extends Candidate> eligible, PickKey key);
}
