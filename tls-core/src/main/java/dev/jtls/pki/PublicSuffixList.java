package dev.jtls.pki;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The Public Suffix List (https://publicsuffix.org/list/), ICANN and private sections, as the
 * resource {@code public_suffix_list.txt} generated from the published list by
 * {@code tls-core/scripts/update-public-suffix-list.py} (rules in A-label form). Used to refuse a
 * wildcard whose base is a public suffix ({@code *.co.uk}, {@code *.s3.amazonaws.com}): no CA may
 * issue for every registrable domain under it (CA/B Forum BR §3.2.2.6).
 *
 * <p>The algorithm is the list's own (https://publicsuffix.org/list/ "Algorithm"): the matching
 * rule with the most labels wins, an exception rule ({@code !city.kawasaki.jp}) beats every other
 * and makes the suffix its parent, a wildcard ({@code *.ck}) matches any one label, and with no
 * matching rule the default rule {@code *} makes the top-level label the suffix. Immutable; loaded
 * once, on first use.
 */
public final class PublicSuffixList {
    private static final String RESOURCE = "public_suffix_list.txt";

    /** Which part of the list a rule comes from. */
    public enum Section { ICANN, PRIVATE }

    private enum Kind { NORMAL, WILDCARD, EXCEPTION }

    private record Rule(Kind kind, Section section) {
    }

    private final String version;
    private final String commit;
    /** Rules by their name without "*." or "!": "co.uk", "ck" (for *.ck), "www.ck" (for !www.ck). */
    private final Map<String, Rule> normal = new HashMap<>();
    private final Map<String, Rule> wildcard = new HashMap<>();
    private final Map<String, Rule> exception = new HashMap<>();

    private static final class Holder {
        static final PublicSuffixList INSTANCE = load();
    }

    private PublicSuffixList(BufferedReader in) throws IOException {
        String v = "unknown";
        String c = "unknown";
        Section section = Section.ICANN;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.startsWith("# version: ")) {
                v = line.substring(11).trim();
            } else if (line.startsWith("# commit: ")) {
                c = line.substring(10).trim();
            } else if (line.equals("# ===PRIVATE===")) {
                section = Section.PRIVATE;
            } else if (!line.isEmpty() && !line.startsWith("#")) {
                String rule = line.trim().toLowerCase(Locale.ROOT);
                if (rule.startsWith("!")) {
                    exception.put(rule.substring(1), new Rule(Kind.EXCEPTION, section));
                } else if (rule.startsWith("*.")) {
                    wildcard.put(rule.substring(2), new Rule(Kind.WILDCARD, section));
                } else {
                    normal.put(rule, new Rule(Kind.NORMAL, section));
                }
            }
        }
        this.version = v;
        this.commit = c;
    }

    /** The list shipped with jtls. */
    public static PublicSuffixList get() {
        return Holder.INSTANCE;
    }

    /** The list's date and version as published (its "VERSION" line), e.g. "2026-10-06_16-13-12_UTC". */
    public static String version() {
        return get().version;
    }

    /** The commit of the published list's repository the resource was made from. */
    public String commit() {
        return commit;
    }

    public int size() {
        return normal.size() + wildcard.size() + exception.size();
    }

    private static PublicSuffixList load() {
        try (InputStream in = PublicSuffixList.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the resource " + RESOURCE + " is missing from tls-core");
            }
            return new PublicSuffixList(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /**
     * The public suffix of {@code domain} (A-labels, case-insensitive, no trailing dot), e.g.
     * "co.uk" for "www.example.co.uk", "kawasaki.jp" for "city.kawasaki.jp"; null for an empty name
     * or one with an empty label.
     */
    public String publicSuffix(String domain) {
        String name = domain.toLowerCase(Locale.ROOT);
        if (name.isEmpty() || name.startsWith(".") || name.endsWith(".") || name.contains("..")) {
            return null;
        }
        // Walk the suffixes from the whole name down to the last label: the first (longest) match
        // of any kind has the most labels; an exception anywhere wins.
        String best = null;
        int at = 0;
        while (true) {
            String suffix = name.substring(at);
            if (exception.containsKey(suffix)) {
                // The exception's own name minus its left-most label is the public suffix.
                int dot = suffix.indexOf('.');
                return dot < 0 ? null : suffix.substring(dot + 1);
            }
            if (best == null) {
                if (at > 0 && wildcard.containsKey(suffix)) {
                    // "*.ck" matches "x.ck": the label before this suffix is part of it (one label
                    // more than a plain rule for the same name).
                    best = name.substring(name.lastIndexOf('.', at - 2) + 1);
                } else if (normal.containsKey(suffix)) {
                    best = suffix;
                }
            }
            int dot = name.indexOf('.', at);
            if (dot < 0) {
                break;
            }
            at = dot + 1;
        }
        if (best != null) {
            return best;
        }
        // The default rule "*": the top-level label.
        return name.substring(name.lastIndexOf('.') + 1);
    }

    /** Whether {@code domain} is itself a public suffix ("co.uk", "s3.amazonaws.com", "com"). */
    public boolean isPublicSuffix(String domain) {
        String suffix = publicSuffix(domain);
        return suffix != null && suffix.equalsIgnoreCase(domain);
    }

    /** The section of the rule that makes {@code domain} a public suffix, or null when none does. */
    public Section section(String domain) {
        String name = domain.toLowerCase(Locale.ROOT);
        if (!isPublicSuffix(name)) {
            return null;
        }
        Rule r = normal.get(name);
        if (r == null) {
            int dot = name.indexOf('.');
            r = dot < 0 ? null : wildcard.get(name.substring(dot + 1));
        }
        return r == null ? Section.ICANN : r.section();
    }

    @Override
    public String toString() {
        return "PublicSuffixList[" + version + ", " + size() + " rules]";
    }
}
