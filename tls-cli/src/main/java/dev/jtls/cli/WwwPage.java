package dev.jtls.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * {@code jtls server --www} (like {@code openssl s_server -www}): reads one HTTP/1.x request and
 * answers with a plain-text page of what the TLS connection negotiated, then closes: the response
 * says {@code Connection: close} (RFC 9112 §9.6), so a client such as curl does not wait for more.
 */
final class WwwPage {
    /** The most of a request head read before answering 431 (RFC 6585 §5). */
    static final int MAX_HEAD = 16 * 1024;
    private static final Pattern REQUEST_LINE = Pattern.compile("[A-Z]+ \\S+ HTTP/1\\.[01]");

    private WwwPage() {
    }

    /**
     * Answers one request; returns what the log says about it ("GET / HTTP/1.1: 200"), or null if
     * the client closed before sending a request.
     */
    static String answer(InputStream in, OutputStream out, ConnectionFacts facts) throws IOException {
        String head = readHead(in);
        if (head == null) {
            return null;
        }
        String requestLine = head.lines().findFirst().orElse("").strip();
        if (head.length() >= MAX_HEAD) {
            respond(out, 431, "Request Header Fields Too Large", "the request head is over " + MAX_HEAD + " bytes\n", true);
            return requestLine + ": 431 (head over " + MAX_HEAD + " bytes)";
        }
        if (!REQUEST_LINE.matcher(requestLine).matches()) {
            respond(out, 400, "Bad Request", "jtls server --www answers HTTP/1.x requests; got '" + printable(requestLine) + "'\n", true);
            return "'" + printable(requestLine) + "': 400 (not an HTTP/1.x request)";
        }
        boolean headOnly = requestLine.startsWith("HEAD ");
        respond(out, 200, "OK", facts.page(requestLine), !headOnly);
        return requestLine + ": 200";
    }

    /** The request head up to its empty line (or the first {@link #MAX_HEAD} bytes); null at once-closed input. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        while (head.size() < MAX_HEAD) {
            int n = in.read(buf);
            if (n < 0) {
                return head.size() == 0 ? null : head.toString(StandardCharsets.ISO_8859_1);
            }
            head.write(buf, 0, Math.min(n, MAX_HEAD - head.size()));
            String text = head.toString(StandardCharsets.ISO_8859_1);
            if (text.contains("\r\n\r\n") || text.contains("\n\n")) {
                return text;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static void respond(OutputStream out, int status, String reason, String body, boolean withBody) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " " + reason + "\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: " + b.length + "\r\n"
                + "Connection: close\r\n"
                + "Server: jtls\r\n\r\n";
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write(head.getBytes(StandardCharsets.ISO_8859_1));
        if (withBody) {
            all.write(b);
        }
        out.write(all.toByteArray()); // one write: the response goes out in as few records as fit
        out.flush();
    }

    private static String printable(String s) {
        String cut = s.length() > 60 ? s.substring(0, 60) + "..." : s;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
