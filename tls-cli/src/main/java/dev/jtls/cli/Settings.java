package dev.jtls.cli;

import dev.jtls.config.TlsConfig;
import dev.jtls.crypto.NamedGroup;
import dev.jtls.suite.CipherSuite;
import dev.jtls.handshake.KeyLog;
import dev.jtls.message.NamedGroupId;
import dev.jtls.pki.CertifiedKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Turns the options {@code jtls client} and {@code jtls server} share into configuration. */
final class Settings {
    private Settings() {
    }

    static CertifiedKey certifiedKey(Path cert, Path key) throws IOException, GeneralSecurityException {
        if ((cert == null) != (key == null)) {
            throw new IllegalArgumentException("--cert and --key go together");
        }
        if (cert == null) {
            return null;
        }
        readableFile("--cert", cert);
        readableFile("--key", key);
        List<java.security.cert.X509Certificate> chain = Pem.certificates(cert);
        java.security.PrivateKey privateKey = Pem.privateKey(key);
        KeyPairCheck.requireMatch(chain.get(0), privateKey, cert, key);
        return new CertifiedKey(chain, privateKey);
    }

    /** The file an option names exists, is a regular file and can be read; else one line saying which is not so. */
    static void readableFile(String option, Path file) {
        if (file == null) {
            return;
        }
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(option + " " + file + ": no such file");
        }
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(option + " " + file + ": is a directory, not a PEM file");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(option + " " + file + ": not a regular file");
        }
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(option + " " + file + ": cannot be read (permissions)");
        }
    }

    /** A file an option will write (or append to): not a directory, and its directory exists. */
    static void writableFile(String option, Path file) {
        if (file == null) {
            return;
        }
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(option + " " + file + ": is a directory, not a file");
        }
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(option + " " + file + ": the directory " + dir + " does not exist");
        }
    }

    /** Checks --suite and --group names before anything else is done (each bad one is named with the valid ones). */
    static void checkNames(List<String> suites, List<String> groups) {
        if (suites != null) {
            suites.forEach(Settings::suite);
        }
        if (groups != null) {
            groups.forEach(Settings::group);
        }
    }

    /** Applies --suite, --group and --keylog (each optional). */
    static void common(TlsConfig.Builder b, List<String> suites, List<String> groups, Path keyLog) throws IOException {
        if (suites != null && !suites.isEmpty()) {
            List<CipherSuite> chosen = new ArrayList<>();
            for (String s : suites) {
                chosen.add(suite(s));
            }
            b.cipherSuites(chosen);
        }
        if (groups != null && !groups.isEmpty()) {
            List<NamedGroup> chosen = new ArrayList<>();
            for (String g : groups) {
                chosen.add(group(g));
            }
            b.groups(chosen);
        }
        if (keyLog != null) {
            b.keyLog(KeyLog.toFile(keyLog));
        }
    }

    /** For a CBC suite, ", encrypt-then-MAC" (RFC 7366) or ", MAC-then-encrypt"; nothing for AEAD suites. */
    static String recordConstruction(dev.jtls.handshake.Negotiated n) {
        if (!(n.suite().protection() instanceof CipherSuite.Cbc)) {
            return "";
        }
        return n.encryptThenMac() ? ", encrypt-then-MAC" : ", MAC-then-encrypt";
    }

    static CipherSuite suite(String name) {
        for (CipherSuite s : CipherSuite.values()) {
            if (s.standardName().equalsIgnoreCase(name.strip())) {
                return s;
            }
        }
        List<String> names = new ArrayList<>();
        for (CipherSuite s : CipherSuite.values()) {
            names.add(s.standardName());
        }
        throw new IllegalArgumentException("unknown cipher suite '" + name + "'; jtls supports " + String.join(", ", names));
    }

    static NamedGroup group(String name) {
        List<String> names = new ArrayList<>();
        for (NamedGroup g : NamedGroup.values()) {
            String iana = NamedGroupId.of(g).name();
            if (iana.equalsIgnoreCase(name.strip()) || g.name().equalsIgnoreCase(name.strip())) {
                return g;
            }
            names.add(iana);
        }
        throw new IllegalArgumentException("unknown group '" + name + "'; jtls supports " + String.join(", ", names));
    }

    static String lower(Object o) {
        return String.valueOf(o).toLowerCase(Locale.ROOT);
    }
}
