package dev.jtls.session;

import dev.jtls.suite.CipherSuite;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Test sessions. */
final class Sessions {
    private Sessions() {
    }

    static byte[] id(int n) {
        byte[] id = new byte[32];
        id[0] = (byte) (n >>> 24);
        id[1] = (byte) (n >>> 16);
        id[2] = (byte) (n >>> 8);
        id[3] = (byte) n;
        id[31] = 0x5a;
        return id;
    }

    static byte[] secret(int fill) {
        byte[] s = new byte[48];
        for (int i = 0; i < s.length; i++) {
            s[i] = (byte) (fill + i);
        }
        return s;
    }

    static Session.Builder base(int n, Instant created) {
        return Session.builder()
                .id(id(n))
                .cipherSuite(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)
                .masterSecret(secret(n))
                .extendedMasterSecret(true)
                .peerCertificates(List.of(new byte[] {0x30, 0x03, 1, 2, 3}, new byte[] {0x30, 0x01, 9}))
                .serverName("example.com")
                .applicationProtocol("h2")
                .creationTime(created)
                .lifetime(Duration.ofHours(10));
    }

    static Session session(int n, Instant created) {
        return base(n, created).build();
    }
}
