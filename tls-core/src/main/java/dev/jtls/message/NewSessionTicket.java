package dev.jtls.message;

import dev.jtls.record.TlsReader;
import dev.jtls.record.TlsWriter;

/**
 * RFC 5077 §3.3 NewSessionTicket: {@code uint32 ticket_lifetime_hint; opaque ticket<0..2^16-1>;}
 * (an empty ticket means the server will not issue one this time).
 */
public record NewSessionTicket(long lifetimeHint, Bytes ticket) implements HandshakeMessage {
    public NewSessionTicket {
        Wire.require(lifetimeHint >= 0 && lifetimeHint <= 0xffffffffL, "ticket_lifetime_hint out of range");
        Wire.require(ticket.length() <= 0xffff, "ticket too long");
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.NEW_SESSION_TICKET;
    }

    public static NewSessionTicket decode(TlsReader r) {
        long hint = r.uint32("ticket_lifetime_hint");
        Bytes ticket = Wire.opaque16(r, "ticket", 0, 0xffff);
        r.expectEnd("NewSessionTicket");
        return new NewSessionTicket(hint, ticket);
    }

    @Override
    public void encode(TlsWriter w) {
        w.uint32(lifetimeHint);
        Wire.opaque16(w, ticket);
    }
}
