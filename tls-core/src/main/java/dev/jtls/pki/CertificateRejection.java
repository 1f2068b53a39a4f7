package dev.jtls.pki;

import dev.jtls.record.TlsAlertException;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import javax.security.auth.x500.X500Principal;

/**
 * A refused chain: the alert of its {@link ChainProblem}, and a message that names the certificate
 * (subject, serial, position in the path, 0 = leaf) and the rule it broke.
 */
public final class CertificateRejection extends TlsAlertException {
    private static final long serialVersionUID = 1L;

    /** The longest name quoted in a message; a subject can be tens of kilobytes. */
    static final int MAX_NAME = 200;
    /** The longest message: names, lists of extensions and nested reasons are all cut to fit. */
    static final int MAX_MESSAGE = 2000;

    private final ChainProblem problem;
    private final int position;

    private CertificateRejection(ChainProblem problem, int position, String message) {
        super(problem, cap(message, MAX_MESSAGE));
        this.problem = problem;
        this.position = position;
    }

    /** A rule broken by one certificate at {@code position} in the path (0 = the leaf). */
    public static CertificateRejection of(ChainProblem problem, X509Certificate cert, int position, String why) {
        return new CertificateRejection(problem, position, describe(cert, position) + ": " + why);
    }

    /** A failure of the chain as a whole (no path, work bound), not of one certificate. */
    public static CertificateRejection ofChain(ChainProblem problem, String why) {
        return new CertificateRejection(problem, -1, why);
    }

    /** "certificate 'CN=x' (position 0, serial 0x1f)". */
    public static String describe(X509Certificate cert, int position) {
        BigInteger serial = cert.getSerialNumber();
        return "certificate '" + name(cert.getSubjectX500Principal()) + "' (position " + position
                + ", serial 0x" + (serial == null ? "?" : serial.toString(16)) + ")";
    }

    /** A distinguished name as RFC 2253 text, cut to {@link #MAX_NAME} characters. */
    static String name(X500Principal name) {
        return cap(name.getName(), MAX_NAME);
    }

    static String cap(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max) + "...(" + (text.length() - max) + " more characters)";
    }

    public ChainProblem problem() {
        return problem;
    }

    /** The position in the path of the certificate at fault, or -1 when the chain as a whole is. */
    public int position() {
        return position;
    }
}
