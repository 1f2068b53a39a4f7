package dev.jtls.cli;

import java.io.ByteArrayOutputStream;

/**
 * A ClientHello record as a TLS 1.3-only client sends it (openssl s_client -tls1_3): legacy_version
 * (3,3), only TLS 1.3 suites, supported_versions [TLS 1.3] (RFC 8446 §4.1.2, §4.2.1).
 */
final class Tls13Hello {
    private Tls13Hello() {
    }

    static byte[] record() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(3);
        body.write(3);
        body.writeBytes(new byte[32]); // random
        body.write(32);
        body.writeBytes(new byte[32]); // legacy_session_id
        u16(body, 6);
        u16(body, 0x1301);
        u16(body, 0x1302);
        u16(body, 0x1303);
        body.write(1);
        body.write(0); // compression: null
        ByteArrayOutputStream ext = new ByteArrayOutputStream();
        extension(ext, 43, new byte[] {2, 3, 4}); // supported_versions: TLS 1.3
        extension(ext, 10, new byte[] {0, 2, 0, 0x1d}); // supported_groups: x25519
        extension(ext, 13, new byte[] {0, 2, 4, 3}); // signature_algorithms: ecdsa_secp256r1_sha256
        u16(body, ext.size());
        body.writeBytes(ext.toByteArray());
        byte[] b = body.toByteArray();
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.writeBytes(new byte[] {22, 3, 1});
        u16(record, 4 + b.length);
        record.write(1);
        record.write(0);
        u16(record, b.length);
        record.writeBytes(b);
        return record.toByteArray();
    }

    private static void extension(ByteArrayOutputStream out, int type, byte[] data) {
        u16(out, type);
        u16(out, data.length);
        out.writeBytes(data);
    }

    private static void u16(ByteArrayOutputStream out, int v) {
        out.write(v >>> 8);
        out.write(v);
    }
}
