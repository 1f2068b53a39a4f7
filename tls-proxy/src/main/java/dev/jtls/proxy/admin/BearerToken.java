package dev.jtls.proxy.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The admin API's credential check (RFC 6750 §2.1 {@code Authorization: Bearer <token>}). Both sides
 * are hashed with SHA-256 and compared with {@link MessageDigest#isEqual} (constant time), so neither
 * the token's content nor its length shows in the time a refusal takes.
 */
final class BearerToken {
    /** What a request's credentials amount to; decides 401 against 403. */
    enum Verdict { ACCEPTED, MISSING, INVALID, API_DISABLED }

    private static final String SCHEME = "Bearer ";
    private final byte[] expectedHash;

    /** @param token null or empty: the runtime API refuses everyone */
    BearerToken(String token) {
        this.expectedHash = token == null || token.isEmpty() ? null : sha256(token);
    }

    Verdict check(String authorization) {
        if (expectedHash == null) {
            return Verdict.API_DISABLED;
        }
        if (authorization == null || authorization.length() < SCHEME.length()
                || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Verdict.MISSING;
        }
        byte[] given = sha256(authorization.substring(SCHEME.length()).trim());
        return MessageDigest.isEqual(given, expectedHash) ? Verdict.ACCEPTED : Verdict.INVALID;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
