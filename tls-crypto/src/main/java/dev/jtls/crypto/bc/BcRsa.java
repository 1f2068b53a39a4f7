package dev.jtls.crypto.bc;

import dev.jtls.crypto.Backend;
import dev.jtls.crypto.ImplicitRejection;
import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.BadPaddingException;
import org.bouncycastle.crypto.DataLengthException;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.encodings.PKCS1Encoding;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;

/** RSA encryption and premaster decryption from Bouncy Castle's lightweight API (never its JCA provider). */
final class BcRsa implements Backend.Rsa {
    private final SecureRandom random;
    /** The last private key used, converted; a server normally has one RSA key, so one entry suffices. */
    private volatile PrivateState last;

    BcRsa(SecureRandom random) {
        this.random = random;
    }

    @Override
    public byte[] encryptPkcs1(PublicKey key, byte[] message) throws InvalidKeyException {
        if (!(key instanceof RSAPublicKey)) {
            throw new InvalidKeyException("not an RSA public key");
        }
        RSAPublicKey rsa = (RSAPublicKey) key;
        RSAKeyParameters params;
        try {
            params = new RSAKeyParameters(false, rsa.getModulus(), rsa.getPublicExponent());
        } catch (IllegalArgumentException e) {
            throw new InvalidKeyException("invalid RSA public key", e);
        }
        PKCS1Encoding pkcs1 = new PKCS1Encoding(new RSABlindedEngine());
        pkcs1.init(true, new ParametersWithRandom(params, random));
        if (message.length > pkcs1.getInputBlockSize()) {
            // RFC 8017 §7.2.1 step 1: "message too long".
            throw new IllegalArgumentException("message too long for the RSA key");
        }
        try {
            return pkcs1.processBlock(message, 0, message.length);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("RSA encryption failed", e);
        }
    }

    @Override
    public byte[] decryptPkcs1(PrivateKey key, byte[] ciphertext) throws BadPaddingException, InvalidKeyException {
        PrivateState state = state(key);
        // RFC 8017 §7.2.2 step 1: a ciphertext that is not k bytes, or not below n, is a decryption error.
        if (!ImplicitRejection.isCiphertextInRange(ciphertext, state.modulusBytes)) {
            throw new BadPaddingException("decryption error");
        }
        PKCS1Encoding pkcs1 = new PKCS1Encoding(new RSABlindedEngine());
        pkcs1.init(false, new ParametersWithRandom(state.params, random));
        try {
            return pkcs1.processBlock(ciphertext, 0, ciphertext.length);
        } catch (InvalidCipherTextException | DataLengthException e) {
            // One message for every defect (RFC 8017 §7.2.2 note: do not tell them apart).
            throw new BadPaddingException("decryption error");
        }
    }

    @Override
    public byte[] decryptPremaster(PrivateKey key, byte[] encryptedPremaster, int clientVersion) {
        PrivateState state;
        try {
            state = state(key);
        } catch (InvalidKeyException e) {
            // The server's own key, not peer input: a configuration error.
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        byte[] synthetic = ImplicitRejection.syntheticPremaster(state.derivationKey(), encryptedPremaster, clientVersion);
        // Length and c < n are public facts, so branching on them leaks nothing.
        if (!ImplicitRejection.isCiphertextInRange(encryptedPremaster, state.modulusBytes)) {
            return synthetic;
        }
        int k = state.modulusBytes.length;
        byte[] em = new byte[k];
        try {
            // RFC 8017 §5.1.2 RSADP only, blinded; the padding check is ours, in constant time.
            RSABlindedEngine engine = new RSABlindedEngine();
            engine.init(false, new ParametersWithRandom(state.params, random));
            byte[] m = engine.processBlock(encryptedPremaster, 0, k);
            // BC strips leading zero bytes; put m back as a k-byte block.
            System.arraycopy(m, 0, em, k - m.length, m.length);
            Arrays.fill(m, (byte) 0);
        } catch (DataLengthException e) {
            // Only for an out-of-range input, which was excluded above (public).
            return synthetic;
        }
        return ImplicitRejection.select(em, clientVersion, synthetic);
    }

    private PrivateState state(PrivateKey key) throws InvalidKeyException {
        PrivateState s = last;
        if (s != null && s.key == key) {
            return s;
        }
        if (!(key instanceof RSAPrivateKey)) {
            throw new InvalidKeyException("not an RSA private key");
        }
        s = new PrivateState((RSAPrivateKey) key, toParameters((RSAPrivateKey) key));
        last = s;
        return s;
    }

    private static RSAKeyParameters toParameters(RSAPrivateKey key) throws InvalidKeyException {
        try {
            if (key instanceof RSAPrivateCrtKey) {
                RSAPrivateCrtKey crt = (RSAPrivateCrtKey) key;
                if (isSet(crt.getPublicExponent()) && isSet(crt.getPrimeP()) && isSet(crt.getPrimeQ())
                        && isSet(crt.getPrimeExponentP()) && isSet(crt.getPrimeExponentQ())
                        && isSet(crt.getCrtCoefficient())) {
                    // With e known, RSABlindedEngine blinds the exponentiation.
                    return new RSAPrivateCrtKeyParameters(crt.getModulus(), crt.getPublicExponent(),
                            crt.getPrivateExponent(), crt.getPrimeP(), crt.getPrimeQ(), crt.getPrimeExponentP(),
                            crt.getPrimeExponentQ(), crt.getCrtCoefficient());
                }
            }
            if (!isSet(key.getPrivateExponent())) {
                throw new InvalidKeyException("RSA private key without an accessible private exponent");
            }
            return new RSAKeyParameters(true, key.getModulus(), key.getPrivateExponent());
        } catch (IllegalArgumentException e) {
            throw new InvalidKeyException("invalid RSA private key", e);
        }
    }

    private static boolean isSet(BigInteger x) {
        return x != null && x.signum() > 0;
    }

    /** A private key converted once: BC parameters, k-byte modulus and the implicit-rejection key. */
    private static final class PrivateState {
        final RSAPrivateKey key;
        final RSAKeyParameters params;
        final byte[] modulusBytes;
        private volatile byte[] derivationKey;

        PrivateState(RSAPrivateKey key, RSAKeyParameters params) {
            this.key = Objects.requireNonNull(key);
            this.params = params;
            this.modulusBytes = ImplicitRejection.modulusBytes(key.getModulus());
        }

        byte[] derivationKey() {
            byte[] d = derivationKey;
            if (d == null) {
                d = ImplicitRejection.derivationKey(key);
                derivationKey = d;
            }
            return d;
        }
    }
}
