package dev.jtls.session;

import java.util.List;

/**
 * Where a {@link TicketSealer} gets its keys (RFC 5077 §5.5: keys should be changed regularly): one
 * current key that seals new tickets, and the keys that still open them. Either made from random on
 * this server ({@link TicketKeys}) or derived per period from a secret that every instance of a
 * server shares ({@link DerivedTicketKeys}), so that any instance opens any instance's tickets.
 */
public sealed interface TicketKeyring permits TicketKeys, DerivedTicketKeys {
    /** The key to seal a new ticket with (rotating first if it is due). */
    TicketKey current();

    /** The accepted key whose key_name starts {@code ticket}, else null. */
    TicketKey find(byte[] ticket);

    /** True if {@code key} is the current key (a ticket sealed under another should be renewed). */
    boolean isCurrent(TicketKey key);

    /** The keys accepted now, current first. */
    List<TicketKey> acceptedKeys();
}
