package dev.jtls.connection;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The records two jtls endpoints sent each other, in order, over one or more connections (a
 * resumption needs the connection that made the session). A flight is what one side handed to the
 * network in one go; the two sides take turns. Stored as text, one record per line:
 * <pre>
 * connection 1: TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, X25519, ..., full
 * c&gt; 16030100...   (client to server)
 * s&gt; 16030300...   (server to client)
 * </pre>
 * A blank line or one starting with {@code #} is a comment.
 */
record WireTranscript(List<String> header, List<Connection> connections) {
    private static final HexFormat HEX = HexFormat.of();

    /** One connection's flights, with what its handshake settled on (one line, for the reader and the check). */
    record Connection(String negotiated, List<Flight> flights) {
    }

    /** One side's records, sent together. */
    record Flight(boolean fromClient, List<byte[]> records) {
        byte[] bytes() {
            int n = 0;
            for (byte[] r : records) {
                n += r.length;
            }
            byte[] out = new byte[n];
            int at = 0;
            for (byte[] r : records) {
                System.arraycopy(r, 0, out, at, r.length);
                at += r.length;
            }
            return out;
        }

        /** Splits a flight's bytes at record boundaries (RFC 5246 §6.2.1: 5-byte header, length last). */
        static Flight of(boolean fromClient, byte[] bytes) {
            List<byte[]> records = new ArrayList<>();
            for (int at = 0; at < bytes.length; ) {
                if (bytes.length - at < 5) {
                    throw new IllegalStateException("a partial record header at the end of a flight");
                }
                int length = ((bytes[at + 3] & 0xff) << 8) | (bytes[at + 4] & 0xff);
                int end = Math.min(bytes.length, at + 5 + length);
                byte[] r = new byte[end - at];
                System.arraycopy(bytes, at, r, 0, r.length);
                records.add(r);
                at = end;
            }
            return new Flight(fromClient, List.copyOf(records));
        }
    }

    String format() {
        StringBuilder sb = new StringBuilder();
        for (String h : header) {
            sb.append("# ").append(h).append('\n');
        }
        for (int i = 0; i < connections.size(); i++) {
            sb.append("connection ").append(i + 1).append(": ").append(connections.get(i).negotiated()).append('\n');
            for (Flight f : connections.get(i).flights()) {
                for (byte[] r : f.records()) {
                    sb.append(f.fromClient() ? "c> " : "s> ").append(HEX.formatHex(r)).append('\n');
                }
            }
        }
        return sb.toString();
    }

    static WireTranscript parse(String text) {
        List<String> header = new ArrayList<>();
        List<Connection> connections = new ArrayList<>();
        List<Flight> current = null;
        Boolean direction = null;
        List<byte[]> records = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("#")) {
                header.add(line.substring(1).strip());
                continue;
            }
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("connection ")) {
                if (direction != null) {
                    current.add(new Flight(direction, List.copyOf(records)));
                }
                current = new ArrayList<>();
                int colon = line.indexOf(": ");
                connections.add(new Connection(colon < 0 ? "" : line.substring(colon + 2).strip(), current));
                direction = null;
                records = new ArrayList<>();
                continue;
            }
            boolean fromClient = line.startsWith("c> ");
            if (current == null || !(fromClient || line.startsWith("s> "))) {
                throw new IllegalArgumentException("not a transcript line: " + line);
            }
            if (direction != null && direction != fromClient) {
                current.add(new Flight(direction, List.copyOf(records)));
                records = new ArrayList<>();
            }
            direction = fromClient;
            records.add(HEX.parseHex(line.substring(3).strip()));
        }
        if (direction != null) {
            current.add(new Flight(direction, List.copyOf(records)));
        }
        return new WireTranscript(List.copyOf(header), List.copyOf(connections));
    }
}
