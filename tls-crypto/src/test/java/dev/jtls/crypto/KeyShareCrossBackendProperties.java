package dev.jtls.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The two backends interoperate, and no byte string makes agree throw anything but InvalidKeyException. */
class KeyShareCrossBackendProperties {
    private static final CryptoProvider BC = CryptoProviders.bouncyCastle();
    private static final CryptoProvider JCA = CryptoProviders.jca();
    private static final NamedGroup[] NIST = {NamedGroup.SECP256R1, NamedGroup.SECP384R1, NamedGroup.SECP521R1};

    /** One share per backend and group, reused as the target of hostile peer keys (agree keeps no state). */
    private static final Map<NamedGroup, List<KeyShare>> TARGETS = new EnumMap<>(NamedGroup.class);

    static {
        for (NamedGroup g : NamedGroup.values()) {
            TARGETS.put(g, List.of(BC.generateKeyShare(g), JCA.generateKeyShare(g)));
        }
    }

    @Property(tries = 40)
    void bcAndJcaInteroperate(@ForAll NamedGroup g, @ForAll @IntRange(min = 0, max = 7) int round) throws Exception {
        KeyShare b = BC.generateKeyShare(g);
        KeyShare j = JCA.generateKeyShare(g);
        byte[] fromBc = b.agree(j.publicKey());
        byte[] fromJca = j.agree(b.publicKey());
        assertThat(fromBc).hasSize(g.fieldLength()).isEqualTo(fromJca);
    }

    @Property(tries = 40)
    void samePrivateKeyGivesSamePublicKey(@ForAll NamedGroup g, @ForAll @Size(66) byte[] raw) throws Exception {
        byte[] priv;
        if (g.isMontgomery()) {
            priv = java.util.Arrays.copyOf(raw, g.fieldLength());
        } else {
            BigInteger n = EcPointCodec.curve(g).n();
            BigInteger d = new BigInteger(1, raw).mod(n.subtract(BigInteger.ONE)).add(BigInteger.ONE);
            priv = d.toByteArray();
        }
        KeyShare b = BC.keyShareFromPrivateKey(g, priv);
        KeyShare j = JCA.keyShareFromPrivateKey(g, priv);
        assertThat(b.publicKey()).isEqualTo(j.publicKey());
        KeyShare other = BC.generateKeyShare(g);
        assertThat(b.agree(other.publicKey())).isEqualTo(j.agree(other.publicKey()));
    }

    @Property(tries = 300)
    void randomBytesYieldASecretOrInvalidKeyException(@ForAll NamedGroup g, @ForAll @Size(max = 140) byte[] peer) {
        checkHostile(g, peer);
    }

    @Property(tries = 300)
    void randomBytesOfTheRightLengthYieldASecretOrInvalidKeyException(@ForAll NamedGroup g,
            @ForAll @Size(133) byte[] raw) {
        byte[] peer = java.util.Arrays.copyOf(raw, g.publicKeyLength());
        if (!g.isMontgomery()) {
            peer[0] = 0x04; // get past the prefix check, into the range and curve checks
        }
        checkHostile(g, peer);
    }

    @Property(tries = 150)
    void flippedBitsInAValidPointAreRefusedOrStillAgree(@ForAll @IntRange(min = 0, max = 2) int which,
            @ForAll @IntRange(min = 0, max = 132) int position, @ForAll @IntRange(min = 1, max = 255) int mask) {
        NamedGroup g = NIST[which];
        byte[] peer = BC.generateKeyShare(g).publicKey();
        peer[position % peer.length] ^= (byte) mask;
        checkHostile(g, peer);
    }

    @Property(tries = 150)
    void flippedBitsInAnXdhKeyAreProcessedOrRefused(@ForAll boolean x448,
            @ForAll @IntRange(min = 0, max = 55) int position, @ForAll @IntRange(min = 1, max = 255) int mask) {
        NamedGroup g = x448 ? NamedGroup.X448 : NamedGroup.X25519;
        byte[] peer = JCA.generateKeyShare(g).publicKey();
        peer[position % peer.length] ^= (byte) mask;
        checkHostile(g, peer);
    }

    /** Every backend either refuses with InvalidKeyException, or accepts, and then all agree on the secret. */
    private static void checkHostile(NamedGroup g, byte[] peer) {
        List<KeyShare> targets = TARGETS.get(g);
        Boolean accepted = null;
        for (KeyShare t : targets) {
            boolean ok;
            try {
                byte[] s = t.agree(peer.clone());
                assertThat(s).hasSize(g.fieldLength());
                ok = true;
            } catch (InvalidKeyException e) {
                ok = false;
            }
            // Both backends share the validation, so they must decide alike.
            if (accepted != null) {
                assertThat(ok).as("backends disagree on acceptance").isEqualTo(accepted);
            }
            accepted = ok;
        }
    }
}
