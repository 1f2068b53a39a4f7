package dev.jtls.crypto.jca;

import dev.jtls.crypto.Backend;
import dev.jtls.crypto.EcPointCodec;
import dev.jtls.crypto.KeyShare;
import dev.jtls.crypto.NamedGroup;
import dev.jtls.crypto.XdhCodec;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import javax.crypto.KeyAgreement;

/** ECDHE key shares from the JDK's JCA providers (SunEC for "EC"/"ECDH" and "XDH"). */
final class JcaKeyShares implements Backend.KeyShares {
    static final JcaKeyShares INSTANCE = new JcaKeyShares();

    private static final ECParameterSpec P256 = ecParams("secp256r1");
    private static final ECParameterSpec P384 = ecParams("secp384r1");
    private static final ECParameterSpec P521 = ecParams("secp521r1");

    /**
     * JCA engine objects are not thread-safe but are reusable after init, and getInstance walks
     * the provider list each time; so each thread keeps one of each (KeyShares are single-use).
     */
    private static final ThreadLocal<Engines> ENGINES = ThreadLocal.withInitial(Engines::new);

    private JcaKeyShares() {
    }

    @Override
    public KeyShare generate(NamedGroup group, SecureRandom random) {
        Engines e = ENGINES.get();
        try {
            if (group.isMontgomery()) {
                KeyPairGenerator kpg = e.xdhGenerator();
                kpg.initialize(xdhParams(group), random);
                KeyPair kp = kpg.generateKeyPair();
                byte[] pub = XdhCodec.encodeU(group, ((XECPublicKey) kp.getPublic()).getU());
                return new Xdh(group, kp.getPrivate(), pub);
            }
            KeyPairGenerator kpg = e.ecGenerator();
            kpg.initialize(ecParams(group), random);
            KeyPair kp = kpg.generateKeyPair();
            ECPoint w = ((ECPublicKey) kp.getPublic()).getW();
            return new Ec(group, kp.getPrivate(), EcPointCodec.encodePoint(group, w.getAffineX(), w.getAffineY()), null);
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("the JDK cannot generate a " + group + " key pair", ex);
        }
    }

    @Override
    public KeyShare fromPrivateKey(NamedGroup group, byte[] privateKey) throws InvalidKeyException {
        if (privateKey == null) {
            throw new InvalidKeyException("no private key");
        }
        Engines e = ENGINES.get();
        try {
            if (group.isMontgomery()) {
                if (privateKey.length != group.fieldLength()) {
                    throw new InvalidKeyException("XDH private key has the wrong length");
                }
                PrivateKey priv = e.xdhFactory().generatePrivate(
                        new XECPrivateKeySpec(xdhParams(group), privateKey.clone()));
                // RFC 7748 §6.1/§6.2: the public key is the scalar times the base point u = 9 / u = 5.
                BigInteger base = BigInteger.valueOf(group == NamedGroup.X25519 ? 9 : 5);
                byte[] pub = xdhAgree(e, group, priv, base);
                return new Xdh(group, priv, pub);
            }
            BigInteger d = EcPointCodec.decodeScalar(group, privateKey);
            ECParameterSpec spec = ecParams(group);
            PrivateKey priv = e.ecFactory().generatePrivate(new ECPrivateKeySpec(d, spec));
            // The public point costs two more scalar multiplications here (see
            // EcPublicFromPrivate), so it is only derived if publicKey() is asked for.
            return new Ec(group, priv, null, d);
        } catch (InvalidKeyException ex) {
            throw ex;
        } catch (GeneralSecurityException | RuntimeException ex) {
            throw new InvalidKeyException("private key rejected");
        }
    }

    private static byte[] xdhAgree(Engines e, NamedGroup group, PrivateKey priv, BigInteger u)
            throws GeneralSecurityException {
        PublicKey pub = e.xdhFactory().generatePublic(new XECPublicKeySpec(xdhParams(group), u));
        KeyAgreement ka = e.xdhAgreement();
        ka.init(priv);
        ka.doPhase(pub, true);
        return ka.generateSecret();
    }

    private static NamedParameterSpec xdhParams(NamedGroup group) {
        return group == NamedGroup.X25519 ? NamedParameterSpec.X25519 : NamedParameterSpec.X448;
    }

    static ECParameterSpec ecParams(NamedGroup group) {
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

    private static ECParameterSpec ecParams(String name) {
        try {
            AlgorithmParameters ap = AlgorithmParameters.getInstance("EC");
            ap.init(new ECGenParameterSpec(name));
            return ap.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** One thread's JCA engines, made on first use. */
    private static final class Engines {
        private KeyPairGenerator ecGenerator;
        private KeyPairGenerator xdhGenerator;
        private KeyFactory ecFactory;
        private KeyFactory xdhFactory;
        private KeyAgreement ecdh;
        private KeyAgreement xdh;

        KeyPairGenerator ecGenerator() throws GeneralSecurityException {
            if (ecGenerator == null) {
                ecGenerator = KeyPairGenerator.getInstance("EC");
            }
            return ecGenerator;
        }

        KeyPairGenerator xdhGenerator() throws GeneralSecurityException {
            if (xdhGenerator == null) {
                xdhGenerator = KeyPairGenerator.getInstance("XDH");
            }
            return xdhGenerator;
        }

        KeyFactory ecFactory() throws GeneralSecurityException {
            if (ecFactory == null) {
                ecFactory = KeyFactory.getInstance("EC");
            }
            return ecFactory;
        }

        KeyFactory xdhFactory() throws GeneralSecurityException {
            if (xdhFactory == null) {
                xdhFactory = KeyFactory.getInstance("XDH");
            }
            return xdhFactory;
        }

        KeyAgreement ecdh() throws GeneralSecurityException {
            if (ecdh == null) {
                ecdh = KeyAgreement.getInstance("ECDH");
            }
            return ecdh;
        }

        KeyAgreement xdhAgreement() throws GeneralSecurityException {
            if (xdh == null) {
                xdh = KeyAgreement.getInstance("XDH");
            }
            return xdh;
        }

        /** The x-coordinate of d·G, by ECDH of the scalar d with the generator as the peer key. */
        BigInteger ecdhWithGenerator(ECParameterSpec spec, BigInteger d) throws GeneralSecurityException {
            PrivateKey priv = ecFactory().generatePrivate(new ECPrivateKeySpec(d, spec));
            PublicKey g = ecFactory().generatePublic(new ECPublicKeySpec(spec.getGenerator(), spec));
            KeyAgreement ka = ecdh();
            ka.init(priv);
            ka.doPhase(g, true);
            return new BigInteger(1, ka.generateSecret());
        }
    }

    /** x25519 / x448 (RFC 7748) with the JDK's "XDH". */
    private static final class Xdh implements KeyShare {
        private final NamedGroup group;
        private final PrivateKey privateKey;
        private final byte[] publicKey;

        Xdh(NamedGroup group, PrivateKey privateKey, byte[] publicKey) {
            this.group = group;
            this.privateKey = privateKey;
            this.publicKey = publicKey;
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
            byte[] secret;
            try {
                secret = xdhAgree(ENGINES.get(), group, privateKey, XdhCodec.decodeU(group, peerPublicKey));
            } catch (GeneralSecurityException | RuntimeException e) {
                // SunEC refuses a small-order result itself ("Point has small order").
                throw new InvalidKeyException("XDH public key rejected");
            }
            // RFC 7748 §6.1, RFC 8422 §5.11: refuse the all-zero output, whatever the JDK did.
            if (secret.length != group.fieldLength() || XdhCodec.isAllZero(secret)) {
                throw new InvalidKeyException("XDH shared secret is all zero");
            }
            return secret;
        }
    }

    /** ECDH over the NIST prime curves (RFC 8422 §5.10) with SunEC's "ECDH". */
    private static final class Ec implements KeyShare {
        private final NamedGroup group;
        private final PrivateKey privateKey;
        private byte[] publicKey;
        /** The scalar, kept only until the public key has been derived from it (fromPrivateKey). */
        private BigInteger scalar;

        Ec(NamedGroup group, PrivateKey privateKey, byte[] publicKey, BigInteger scalar) {
            this.group = group;
            this.privateKey = privateKey;
            this.publicKey = publicKey;
            this.scalar = scalar;
        }

        @Override
        public NamedGroup group() {
            return group;
        }

        @Override
        public byte[] publicKey() {
            if (publicKey == null) {
                try {
                    Engines e = ENGINES.get();
                    BigInteger[] q = EcPublicFromPrivate.derive(group, ecParams(group), scalar, e::ecdhWithGenerator);
                    publicKey = EcPointCodec.encodePoint(group, q[0], q[1]);
                    scalar = null;
                } catch (GeneralSecurityException ex) {
                    // The scalar was range-checked in fromPrivateKey, so the JDK has no reason to refuse it.
                    throw new IllegalStateException("cannot derive the " + group + " public key", ex);
                }
            }
            return publicKey.clone();
        }

        @Override
        public byte[] agree(byte[] peerPublicKey) throws InvalidKeyException {
            BigInteger[] xy = EcPointCodec.decodePoint(group, peerPublicKey);
            byte[] secret;
            try {
                Engines e = ENGINES.get();
                ECParameterSpec spec = ecParams(group);
                PublicKey pub = e.ecFactory().generatePublic(new ECPublicKeySpec(new ECPoint(xy[0], xy[1]), spec));
                KeyAgreement ka = e.ecdh();
                ka.init(privateKey);
                ka.doPhase(pub, true);
                secret = ka.generateSecret();
            } catch (GeneralSecurityException | RuntimeException e) {
                throw new InvalidKeyException("EC public key rejected");
            }
            if (secret.length != group.fieldLength()) {
                // RFC 8422 §5.10: the x-coordinate keeps its leading zeros.
                secret = EcPointCodec.toFixedLength(new BigInteger(1, secret), group.fieldLength());
            }
            return secret;
        }
    }
}
