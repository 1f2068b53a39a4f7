package dev.jtls.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtls.crypto.CryptoProvider;
import dev.jtls.crypto.CryptoProviders;
import dev.jtls.crypto.SignatureScheme;
import dev.jtls.record.AlertDescription;
import dev.jtls.record.ContentType;
import dev.jtls.record.RecordProtection;
import dev.jtls.record.TlsAlertException;
import dev.jtls.suite.CipherSuite;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Known answers from real connections (an independent implementation, recorded once, replayed
 * offline): TLS 1.2 handshakes between
 * {@code openssl s_client} and {@code openssl s_server} (OpenSSL 3.0; RSA key exchange and ECDHE_RSA), recorded
 * once as wire bytes with the client's key log by {@code capture-openssl.py} (next to the resource)
 * and replayed here offline. There are no published vectors for the TLS 1.2 master secret; this
 * checks every derivation against an independent implementation:
 * <ul>
 *   <li>the premaster, decrypted from ClientKeyExchange with the server's throwaway key, gives
 *       the master secret OpenSSL logged — RFC 7627 §4 (extended) or RFC 5246 §8.1 (legacy);
 *       for ECDHE, whose premaster is unknown (s_client's ephemeral key), the rest starts from the
 *       logged master secret;</li>
 *   <li>the key block (RFC 5246 §6.3) and the protections built from it open OpenSSL's encrypted
 *       Finished and application data records, for AES-GCM (both hashes), ChaCha20-Poly1305, and
 *       CBC (SHA-1, SHA-256, SHA-384) with encrypt-then-MAC (RFC 7366) and MAC-then-encrypt;</li>
 *   <li>both Finished verify_data agree (RFC 5246 §7.4.9), and a flipped bit is decrypt_error;</li>
 *   <li>with client authentication, the client's CertificateVerify verifies over
 *       {@link Transcript#rawMessages()} (RFC 5246 §7.4.8).</li>
 * </ul>
 */
class OpenSslTranscriptTest {
    private static final HexFormat HEX = HexFormat.of();

    record Capture(String name, boolean ems, boolean etm, boolean clientAuth, String keylog, byte[] c2s,
                   byte[] s2c) {
    }

    record Rec(int type, byte[] body) {
    }

    static List<Capture> captures = new ArrayList<>();
    static byte[] serverKeyDer;

    static {
        try (InputStream in = OpenSslTranscriptTest.class.getResourceAsStream("openssl-captures.txt")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n");
            String[] head = null;
            String keylog = null;
            byte[] c2s = null;
            for (String line : lines) {
                String[] f = line.split(" ");
                switch (f[0]) {
                    case "server_key_pkcs8": serverKeyDer = HEX.parseHex(f[1]); break;
                    case "capture": head = f; break;
                    case "keylog": keylog = line.substring("keylog ".length()); break;
                    case "c2s": c2s = HEX.parseHex(f[1]); break;
                    case "s2c":
                        captures.add(new Capture(head[1], head[3].equals("ems=True"), head[4].equals("etm=True"),
                                head[5].equals("client_auth=True"), keylog, c2s, HEX.parseHex(f[1])));
                        break;
                    default: break;
                }
            }
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static List<CryptoProvider> providers() {
        return List.of(CryptoProviders.bouncyCastle(), CryptoProviders.jca(), CryptoProviders.defaults());
    }

    static List<Rec> records(byte[] stream) {
        List<Rec> out = new ArrayList<>();
        for (int at = 0; at < stream.length; ) {
            int length = ((stream[at + 3] & 0xff) << 8) | (stream[at + 4] & 0xff);
            out.add(new Rec(stream[at] & 0xff, Arrays.copyOfRange(stream, at, at + 5 + length)));
            at += 5 + length;
        }
        return out;
    }

    /** The plaintext handshake messages before ChangeCipherSpec, and the records from CCS on. */
    static List<byte[]> plainMessages(List<Rec> records) {
        ByteBuffer all = ByteBuffer.allocate(1 << 16);
        for (Rec r : records) {
            if (r.type == 20) {
                break;
            }
            if (r.type == 22) {
                all.put(r.body, 5, r.body.length - 5);
            }
        }
        all.flip();
        List<byte[]> msgs = new ArrayList<>();
        while (all.hasRemaining()) {
            int at = all.position();
            int length = ((all.get(at + 1) & 0xff) << 16) | ((all.get(at + 2) & 0xff) << 8) | (all.get(at + 3) & 0xff);
            byte[] m = new byte[4 + length];
            all.get(m);
            msgs.add(m);
        }
        return msgs;
    }

    static List<Rec> afterCcs(List<Rec> records) {
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).type == 20) {
                return records.subList(i + 1, records.size());
            }
        }
        throw new AssertionError("no ChangeCipherSpec");
    }

    static byte[] open(RecordProtection p, long seq, byte[] record) {
        ByteBuffer buf = ByteBuffer.wrap(record.clone());
        int n = p.open(seq, buf);
        byte[] out = new byte[n];
        buf.get(out);
        return out;
    }

    static byte[] find(List<byte[]> msgs, int type) {
        return msgs.stream().filter(m -> (m[0] & 0xff) == type).findFirst().orElseThrow();
    }

    @Test
    void theCapturesCoverWhatTheTestClaims() {
        assertThat(captures).extracting(Capture::name).containsExactly("aes128gcm-ems", "aes256gcm-ems",
                "aes128cbcsha-etm", "aes256cbcsha256-mte", "aes128gcm-legacy", "aes128gcm-clientauth",
                "ecdhe-chacha20-ems", "ecdhe-aes256cbcsha384-etm", "ecdhe-aes256gcm-clientauth");
    }

    @Test
    void everyOpenSslCaptureReplaysOnEveryBackend() throws Exception {
        PrivateKey serverKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(serverKeyDer));
        int checked = 0;
        for (Capture c : captures) {
            for (CryptoProvider p : providers()) {
                replay(c, p, serverKey);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(27);
    }

    private void replay(Capture c, CryptoProvider p, PrivateKey serverKey) throws Exception {
        String what = c.name + " on " + p.name();
        List<Rec> c2s = records(c.c2s);
        List<Rec> s2c = records(c.s2c);
        List<byte[]> client = plainMessages(c2s);
        List<byte[]> server = plainMessages(s2c);

        byte[] clientHello = client.get(0);
        byte[] serverHello = server.get(0);
        assertThat(clientHello[0]).isEqualTo((byte) 1);
        assertThat(serverHello[0]).isEqualTo((byte) 2);
        byte[] clientRandom = Arrays.copyOfRange(clientHello, 6, 38);
        byte[] serverRandom = Arrays.copyOfRange(serverHello, 6, 38);
        int sidLength = serverHello[38] & 0xff;
        int suiteCode = ((serverHello[39 + sidLength] & 0xff) << 8) | (serverHello[40 + sidLength] & 0xff);
        CipherSuite suite = CipherSuite.fromCode(suiteCode);
        assertThat(suite).as(what).isNotNull();

        // The transcript as either end keeps it: ClientHello, the server's flight, the client's flight.
        Transcript transcript = new Transcript();
        transcript.add(clientHello);
        transcript.add(serverHello);
        transcript.selectHash(p, suite.prfHash());
        if (!c.clientAuth) {
            transcript.releaseRaw();
        }
        for (byte[] m : server.subList(1, server.size())) {
            transcript.add(m);
        }
        byte[] sessionHash = null;
        byte[] rawBeforeCertificateVerify = null;
        for (byte[] m : client.subList(1, client.size())) {
            if (m[0] == 15) {
                rawBeforeCertificateVerify = transcript.rawMessages();
            }
            transcript.add(m);
            if (m[0] == 16) {
                // RFC 7627 §3: the session hash covers everything up to and including ClientKeyExchange.
                sessionHash = transcript.hash();
            }
        }

        MasterSecret ms;
        if (suite.keyExchange() == CipherSuite.KeyExchange.RSA) {
            // RFC 5246 §7.4.7.1: opaque encrypted premaster<0..2^16-1>.
            byte[] cke = find(client, 16);
            byte[] encrypted = Arrays.copyOfRange(cke, 6, cke.length);
            byte[] premaster = p.decryptPremaster(serverKey, encrypted, 0x0303);
            assertThat(premaster[0]).isEqualTo((byte) 3);
            ms = c.ems
                    ? MasterSecret.deriveExtended(p, suite, premaster, sessionHash)
                    : MasterSecret.deriveLegacy(p, suite, premaster, clientRandom, serverRandom);
            assertThat(premaster).as("premaster zeroed").containsOnly(0);
        } else {
            assertThat(find(server, 12)).as("ServerKeyExchange").isNotNull();
            ms = MasterSecret.fromSession(p, suite, c.ems, HEX.parseHex(c.keylog.split(" ")[2]));
        }

        // The key log line OpenSSL wrote is the one jtls writes.
        List<String> logged = new ArrayList<>();
        ms.logTo((r, s) -> logged.add(KeyLog.clientRandomLine(r, s)), clientRandom);
        assertThat(logged).as(what).containsExactly(c.keylog);

        KeyBlock block = ms.keyBlock(clientRandom, serverRandom);
        KeyBlock.Protections serverEnd = block.protections(Side.SERVER, c.etm);
        KeyBlock.Protections clientEnd = block.protections(Side.CLIENT, c.etm);

        // The client's Finished: the first record after its ChangeCipherSpec, sequence number 0.
        byte[] clientFinished = open(serverEnd.read(), 0, afterCcs(c2s).get(0).body);
        assertThat(Arrays.copyOf(clientFinished, 4)).isEqualTo(new byte[] {20, 0, 0, 12});
        byte[] clientVerifyData = Arrays.copyOfRange(clientFinished, 4, 16);
        byte[] hashBeforeClientFinished = transcript.hash();
        assertThat(ms.verifyData(Side.CLIENT, hashBeforeClientFinished)).as(what).isEqualTo(clientVerifyData);
        FinishedVerified proof = ms.verifyFinished(Side.CLIENT, hashBeforeClientFinished, clientVerifyData);
        assertThat(proof.sender()).isEqualTo(Side.CLIENT);
        assertThat(proof.verifyData()).isEqualTo(clientVerifyData);
        byte[] wrong = clientVerifyData.clone();
        wrong[11] ^= 1;
        assertThatThrownBy(() -> ms.verifyFinished(Side.CLIENT, hashBeforeClientFinished, wrong))
                .isInstanceOfSatisfying(TlsAlertException.class,
                        e -> assertThat(e.description()).isEqualTo(AlertDescription.DECRYPT_ERROR));
        transcript.add(clientFinished);

        byte[] serverFinished = open(clientEnd.read(), 0, afterCcs(s2c).get(0).body);
        assertThat(Arrays.copyOf(serverFinished, 4)).isEqualTo(new byte[] {20, 0, 0, 12});
        ms.verifyFinished(Side.SERVER, transcript.hash(), Arrays.copyOfRange(serverFinished, 4, 16));

        // Application data: s_client sends a line, s_server -rev sends it back reversed.
        String sent = new String(open(serverEnd.read(), 1, afterCcs(c2s).get(1).body), StandardCharsets.US_ASCII);
        assertThat(sent).as(what).isEqualTo("hello jtls\n");
        byte[] echoed = open(clientEnd.read(), 1, afterCcs(s2c).get(1).body);
        assertThat(new String(echoed, StandardCharsets.US_ASCII)).as(what).isEqualTo("sltj olleh\n");

        // Our write side makes records OpenSSL's key block opens: our client seals, our server opens.
        byte[] mine = seal(clientEnd.write(), 5, "from jtls".getBytes(StandardCharsets.US_ASCII));
        assertThat(new String(open(serverEnd.read(), 5, mine), StandardCharsets.US_ASCII)).isEqualTo("from jtls");

        if (c.clientAuth) {
            // RFC 5246 §7.4.8: the signature is over handshake_messages, from ClientHello to ClientKeyExchange.
            byte[] cv = find(client, 15);
            SignatureScheme scheme = SignatureScheme.fromCode(((cv[4] & 0xff) << 8) | (cv[5] & 0xff));
            byte[] signature = Arrays.copyOfRange(cv, 8, cv.length);
            assertThat(p.verify(scheme, clientPublicKey(find(client, 11)), rawBeforeCertificateVerify, signature))
                    .as(what).isTrue();
            assertThat(p.verify(scheme, clientPublicKey(find(client, 11)), transcript.rawMessages(), signature))
                    .isFalse();
        } else {
            assertThat(rawBeforeCertificateVerify).isNull();
        }
        ms.destroy();
        block.destroy();
    }

    static byte[] seal(RecordProtection p, long seq, byte[] pt) {
        ByteBuffer buf = ByteBuffer.allocate(p.plaintextOffset() + pt.length + p.maxSuffixLength());
        buf.position(p.plaintextOffset());
        buf.put(pt);
        buf.flip();
        int n = p.seal(seq, ContentType.APPLICATION_DATA, buf);
        byte[] out = new byte[n];
        buf.get(out);
        return out;
    }

    static PublicKey clientPublicKey(byte[] certificateMessage) throws Exception {
        // RFC 5246 §7.4.2: certificate_list<0..2^24-1> of ASN.1Cert<1..2^24-1>.
        int length = ((certificateMessage[7] & 0xff) << 16) | ((certificateMessage[8] & 0xff) << 8)
                | (certificateMessage[9] & 0xff);
        byte[] der = Arrays.copyOfRange(certificateMessage, 10, 10 + length);
        return CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der)).getPublicKey();
    }
}
