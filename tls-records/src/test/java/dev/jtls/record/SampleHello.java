package dev.jtls.record;

import java.util.ArrayList;
import java.util.List;

/** A ClientHello-shaped composite for codec tests (version, random, session id, suites, extensions). */
record SampleHello(int version, byte[] random, byte[] sessionId, List<Integer> suites, List<byte[]> extensions) {
    static SampleHello decode(TlsReader r) {
        int version = r.uint16("version");
        byte[] random = r.bytes(32, "random");
        byte[] sid = r.opaque8("session_id", 0, 32);
        TlsReader suitesReader = r.vector16("cipher_suites", 2, 0xfffe);
        List<Integer> suites = new ArrayList<>();
        while (suitesReader.hasRemaining()) {
            suites.add(suitesReader.uint16("cipher_suite"));
        }
        TlsReader exts = r.vector16("extensions", 0, 0xffff);
        List<byte[]> extensions = new ArrayList<>();
        while (exts.hasRemaining()) {
            exts.uint16("extension_type");
            extensions.add(exts.opaque16("extension_data", 0, 0xffff));
        }
        return new SampleHello(version, random, sid, suites, extensions);
    }

    static byte[] encode(SampleHello h) {
        TlsWriter w = new TlsWriter();
        w.uint16(h.version()).bytes(h.random()).opaque8(h.sessionId());
        w.lengthPrefixed16(x -> h.suites().forEach(x::uint16));
        w.lengthPrefixed16(x -> h.extensions().forEach(e -> x.uint16(0xff01).opaque16(e)));
        return w.toByteArray();
    }
}
