package dev.jtls.crypto;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Loads the Wycheproof vector files copied into src/test/resources/wycheproof (see its README.md). */
public final class Wycheproof {
    private Wycheproof() {
    }

    /** One test case, with the group it belongs to (which holds keys and parameters). */
    public record Case(String file, JsonObject group, JsonObject test) {
        public int id() {
            return test.get("tcId").getAsInt();
        }

        public String result() {
            return test.get("result").getAsString();
        }

        public boolean isValid() {
            return result().equals("valid");
        }

        public boolean isInvalid() {
            return result().equals("invalid");
        }

        public boolean isAcceptable() {
            return result().equals("acceptable");
        }

        public List<String> flags() {
            List<String> out = new ArrayList<>();
            JsonArray flags = test.getAsJsonArray("flags");
            if (flags != null) {
                for (JsonElement f : flags) {
                    out.add(f.getAsString());
                }
            }
            return out;
        }

        /** A hex field of the test, decoded. */
        public byte[] hex(String field) {
            return Wycheproof.hex(test.get(field).getAsString());
        }

        public String string(String field) {
            return test.get(field).getAsString();
        }

        @Override
        public String toString() {
            return file + " #" + id() + " (" + result() + " " + flags() + ") " + test.get("comment");
        }
    }

    public static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    public static JsonObject load(String file) {
        String path = "/wycheproof/" + file;
        try (InputStream raw = Wycheproof.class.getResourceAsStream(path)) {
            if (raw == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            try (InputStreamReader reader = new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8)) {
                return JsonParser.parseReader(reader).getAsJsonObject();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All cases of a file, in order. */
    public static List<Case> cases(String file) {
        JsonObject root = load(file);
        List<Case> out = new ArrayList<>();
        for (JsonElement g : root.getAsJsonArray("testGroups")) {
            JsonObject group = g.getAsJsonObject();
            for (JsonElement t : group.getAsJsonArray("tests")) {
                out.add(new Case(file, group, t.getAsJsonObject()));
            }
        }
        int declared = root.get("numberOfTests").getAsInt();
        if (declared != out.size()) {
            throw new IllegalStateException(file + " declares " + declared + " tests but has " + out.size());
        }
        return out;
    }

    /** Counts of a file's run against one backend, printed so the tally shows in the build log. */
    public static final class Tally {
        private final String file;
        private final String backend;
        private int passed;
        private final List<String> failures = new ArrayList<>();

        public Tally(String file, String backend) {
            this.file = file;
            this.backend = backend;
        }

        public void pass() {
            passed++;
        }

        public void fail(Case c, String why) {
            failures.add(c + ": " + why);
        }

        public List<String> failures() {
            return failures;
        }

        /** Prints "file backend passed/total" and returns the failures (empty is the bar). */
        public List<String> report() {
            int total = passed + failures.size();
            System.out.printf("wycheproof %-44s %-8s %5d/%5d%n", file, backend, passed, total);
            return failures;
        }
    }
}
