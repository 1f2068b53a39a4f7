package dev.jtls.crypto.bc;

import dev.jtls.crypto.Backend;
import dev.jtls.crypto.EcPointCodec;
import dev.jtls.crypto.KeyShare;
import dev.jtls.crypto.NamedGroup;
import dev.jtls.crypto.XdhCodec;
import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.agreement.ECDHBasicAgreement;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.bouncycastle.math.ec.rfc7748.X448;

/** ECDHE key shares from Bouncy Castle's lightweight API (never its JCA provider). */
final class BcKeyShares implements Backend.KeyShares {
    static final BcKeyShares INSTANCE = new BcKeyShares();

    // CustomNamedCurves: BC's specialised field arithmetic, several times faster than the generic
    // ECNamedCurveTable curves. Built once; the generator's comb precomputation is cached on it.
    private static final ECDomainParameters P256 = domain("secp256r1");
    private static final ECDomainParameters P384 = domain("secp384r1");
    private static final ECDomainParameters P521 = domain("secp521r1");

    private BcKeyShares() {
    }

    @Override
    public KeyShare generate(NamedGroup group, SecureRandom random) {
        switch (group) {
            case X25519: {
                byte[] k = new byte[X25519.SCALAR_SIZE];
                X25519.generatePrivateKey(random, k);
                return new Xdh(group, k);
            }
            case X448: {
                byte[] k = new byte[X448.SCALAR_SIZE];
                X448.generatePrivateKey(random, k);
                return new Xdh(group, k);
            }
            default: {
                ECKeyPairGenerator gen = new ECKeyPairGenerator();
                gen.init(new ECKeyGenerationParameters(domain(group), random));
                AsymmetricCipherKeyPair kp = gen.generateKeyPair();
                return new Ec(group, (ECPrivateKeyParameters) kp.getPrivate(),
                        ((ECPublicKeyParameters) kp.getPublic()).getQ());
            }
        }
    }

    @Override
    public KeyShare fromPrivateKey(NamedGroup group, byte[] privateKey) throws InvalidKeyException {
        if (privateKey == null) {
            throw new InvalidKeyException("no private key");
        }
        if (group.isMontgomery()) {
            // RFC 7748 §5: any 32/56 bytes are a scalar (clamped when used).
            if (privateKey.length != group.fieldLength()) {
                throw new InvalidKeyException("XDH private key has the wrong length");
            }
            return new Xdh(group, privateKey.clone());
        }
        BigInteger d = EcPointCodec.decodeScalar(group, privateKey);
        ECDomainParameters dom = domain(group);
        ECPoint q = new FixedPointCombMultiplier().multiply(dom.getG(), d);
        return new Ec(group, new ECPrivateKeyParameters(d, dom), q);
    }

    private static ECDomainParameters domain(NamedGroup group) {
        switch (group) {
            case SECP256R1:
                return P256;
            case SECP384R1:
                return P384;
            case SECP521R1:
                return P521;
            default:
                throw new IllegalArgumentException("not a NIST curve: " + group);
        }
    }

    private static ECDomainParameters domain(String name) {
        X9ECParameters x9 = CustomNamedCurves.getByName(name);
        return new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH(), x9.getSeed());
    }

    /** x25519 / x448 (RFC 7748) on BC's constant-time rfc7748 field arithmetic. */
    private static final class Xdh implements KeyShare {
        private final NamedGroup group;
        private final byte[] scalar;
        private final byte[] publicKey;

        Xdh(NamedGroup group, byte[] scalar) {
            this.group = group;
            this.scalar = scalar;
            this.publicKey = new byte[group.fieldLength()];
            if (group == NamedGroup.X25519) {
                X25519.generatePublicKey(scalar, 0, publicKey, 0);
            } else {
                X448.generatePublicKey(scalar, 0, publicKey, 0);
            }
        }

        @Override
        public NamedGroup group() {
            return group;
        }

        @Override
        public byte[] publicKey() {
            return publicKey.clone();
        }

        @Override
        public byte[] agree(byte[] peerPublicKey) throws InvalidKeyException {
            if (peerPublicKey == null || peerPublicKey.length != group.fieldLength()) {
                throw new InvalidKeyException("XDH public key has the wrong length");
            }
            byte[] secret = new byte[group.fieldLength()];
            // RFC 7748 §5: scalarMult clamps the scalar and masks the top bit of an x25519 u;
            // non-canonical u values are reduced by the field arithmetic.
            if (group == NamedGroup.X25519) {
                X25519.scalarMult(scalar, 0, peerPublicKey, 0, secret, 0);
            } else {
                X448.scalarMult(scalar, 0, peerPublicKey, 0, secret, 0);
            }
            // RFC 7748 §6.1, RFC 8422 §5.11: a small-order peer key gives all zeros; refuse it.
            if (XdhCodec.isAllZero(secret)) {
                throw new InvalidKeyException("XDH shared secret is all zero");
            }
            return secret;
        }
    }

    /** ECDH over the NIST prime curves (RFC 8422 §5.10). */
    private static final class Ec implements KeyShare {
        private final NamedGroup group;
        private final ECPrivateKeyParameters privateKey;
        private final byte[] publicKey;

        Ec(NamedGroup group, ECPrivateKeyParameters privateKey, ECPoint q) {
            this.group = group;
            this.privateKey = privateKey;
            this.publicKey = q.getEncoded(false); // 0x04 || X || Y, coordinates at field length
        }

        @Override
        public NamedGroup group() {
            return group;
        }

        @Override
        public byte[] publicKey() {
            return publicKey.clone();
        }

        @Override
        public byte[] agree(byte[] peerPublicKey) throws InvalidKeyException {
            BigInteger[] xy = EcPointCodec.decodePoint(group, peerPublicKey);
            ECDomainParameters dom = privateKey.getParameters();
            BigInteger z;
            try {
                // validatePoint re-checks the curve equation with BC's own arithmetic.
                ECPoint q = dom.getCurve().validatePoint(xy[0], xy[1]);
                ECDHBasicAgreement agreement = new ECDHBasicAgreement();
                agreement.init(privateKey);
                z = agreement.calculateAgreement(new ECPublicKeyParameters(q, dom));
            } catch (RuntimeException e) {
                // IllegalArgumentException (invalid point) or IllegalStateException (infinity).
                throw new InvalidKeyException("EC public key rejected");
            }
            return EcPointCodec.toFixedLength(z, group.fieldLength());
        }
    }
}
