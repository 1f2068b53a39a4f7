package dev.jtls.message;

import dev.jtls.record.TlsReader;
import dev.jtls.record.TlsWriter;

/**
 * RFC 5077 §3.2 SessionTicket extension in a ClientHello: the whole extension_data is the opaque
 * ticket; empty asks for a new ticket. (In a ServerHello it is empty, see
 * {@link ServerHelloExtensions#sessionTicket()}.)
 */
public record SessionTicket(Bytes ticket) {
    public static final ExtensionType TYPE = ExtensionType.SESSION_TICKET;
    public static final SessionTicket EMPTY = new SessionTicket(Bytes.EMPTY);

    public SessionTicket {
        Wire.require(ticket.length() <= 0xffff, "ticket too long");
    }

    public static SessionTicket decode(TlsReader r) {
        return new SessionTicket(Wire.rest(r, "session_ticket"));
    }

    public void encode(TlsWriter w) {
        ticket.writeTo(w);
    }
}
