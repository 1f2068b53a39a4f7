package dev.jtls.proxy.admin;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;

/** One admin answer: status, content type and body; extra header for 401 (WWW-Authenticate) and 405 (Allow). */
record AdminResponse(int status, String contentType, byte[] body, String headerName, String headerValue) {
    static final String JSON = "application/json; charset=utf-8";
    /** The Prometheus text exposition format, version 0.0.4. */
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    static AdminResponse json(int status, String json) {
        return new AdminResponse(status, JSON, (json + "\n").getBytes(StandardCharsets.UTF_8), null, null);
    }

    /** A one-line JSON error: {@code {"error":"..."}}. */
    static AdminResponse error(int status, String message) {
        JsonObject o = new JsonObject();
        o.addProperty("error", message);
        return json(status, o.toString());
    }

    AdminResponse withHeader(String name, String value) {
        return new AdminResponse(status, contentType, body, name, value);
    }
}
