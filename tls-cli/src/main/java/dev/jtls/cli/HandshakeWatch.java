package dev.jtls.cli;

import dev.jtls.connection.TlsTrace;
import dev.jtls.message.ClientHello;
import dev.jtls.message.HandshakeType;
import dev.jtls.record.Alert;
import dev.jtls.record.TlsAlertException;
import dev.jtls.record.TlsReader;
import java.util.Arrays;

/**
 * Notes the few facts of a handshake that the negotiated result does not keep, for the command's
 * messages: whether the server sent a CertificateRequest (a client without --cert then knows why it
 * was refused), and the session ticket a ClientHello offered (a server tells resumption by ticket
 * from resumption by session id). Passes every message on to {@code next} (the ladder, or nothing).
 */
final class HandshakeWatch implements TlsTrace {
    private final TlsTrace next;
    private volatile boolean certificateRequested;
    private volatile byte[] offeredTicket;

    HandshakeWatch(TlsTrace next) {
        this.next = next;
    }

    /** The trace this one passes messages on to. */
    TlsTrace next() {
        return next;
    }

    boolean certificateRequested() {
        return certificateRequested;
    }

    /** The non-empty session ticket of the received ClientHello, or null. */
    byte[] offeredTicket() {
        return offeredTicket;
    }

    @Override
    public void handshake(Direction direction, byte[] messageWithHeader) {
        if (direction == Direction.RECEIVED && messageWithHeader.length >= 4) {
            int type = messageWithHeader[0] & 0xff;
            if (type == HandshakeType.CERTIFICATE_REQUEST.code()) {
                certificateRequested = true;
            } else if (type == HandshakeType.CLIENT_HELLO.code()) {
                noteTicket(messageWithHeader);
            }
        }
        next.handshake(direction, messageWithHeader);
    }

    private void noteTicket(byte[] messageWithHeader) {
        try {
            ClientHello hello = TlsReader.readAll(Arrays.copyOfRange(messageWithHeader, 4, messageWithHeader.length),
                    "ClientHello", ClientHello::decode);
            var ticket = hello.extensionsOrEmpty().sessionTicket();
            offeredTicket = ticket != null && !ticket.ticket().isEmpty() ? ticket.ticket().toByteArray() : null;
        } catch (TlsAlertException | IllegalArgumentException undecodable) {
            offeredTicket = null; // the handshake itself refuses it
        }
    }

    @Override
    public void changeCipherSpec(Direction direction) {
        next.changeCipherSpec(direction);
    }

    @Override
    public void alert(Direction direction, Alert alert) {
        next.alert(direction, alert);
    }
}
