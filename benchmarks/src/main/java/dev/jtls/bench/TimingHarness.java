package dev.jtls.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A timing-side-channel harness (not a timed test): RSA key exchange in the manner of the Marvin
 * study and CBC records in the manner of Lucky 13, each ciphertext class measured once per round
 * in random order after a JIT warm-up, then compared with {@link TimingStats} and written by
 * {@link TimingReport}.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar dev.jtls.bench.TimingHarness [samples per
 * class] [output file] [--only rsa,cbc-mte,cbc-etm]}: 200,000 per class on a quiet machine for a
 * claim; fewer for a look. {@code --only} runs the named experiments alone (all three by default).
 */
public final class TimingHarness {
    /**
     * One experiment's samples: samples[class][round], nanoseconds; class 0 is the baseline.
     * {@code sameTime} lists the classes an attacker can choose between that must take the same time
     * (the first of them is their baseline), and {@code why} says why they must.
     */
    record Experiment(String title, String[] names, double[][] samples, int[] sameTime, String why) {
    }

    /** The experiments, by the name {@code --only} takes. */
    enum Which {
        RSA("rsa"), CBC_MTE("cbc-mte"), CBC_ETM("cbc-etm");

        final String label;

        Which(String label) {
            this.label = label;
        }

        static Which of(String label) {
            for (Which w : values()) {
                if (w.label.equals(label)) {
                    return w;
                }
            }
            throw new IllegalArgumentException("unknown experiment '" + label + "' (rsa, cbc-mte, cbc-etm)");
        }
    }

    private TimingHarness() {
    }

    public static void main(String[] args) throws Exception {
        List<String> positional = new ArrayList<>();
        Set<Which> only = EnumSet.allOf(Which.class);
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--only") && i + 1 < args.length) {
                only = EnumSet.noneOf(Which.class);
                for (String name : args[++i].split(",")) {
                    only.add(Which.of(name.trim()));
                }
            } else {
                positional.add(args[i]);
            }
        }
        int samples = positional.size() > 0 ? Integer.parseInt(positional.get(0)) : 200_000;
        Path out = Path.of(positional.size() > 1 ? positional.get(1) : "benchmarks/RESULTS-timing.md");
        String command = "java -cp benchmarks/target/benchmarks.jar dev.jtls.bench.TimingHarness " + samples + " " + out
                + (only.size() == Which.values().length ? ""
                        : " --only " + only.stream().map(w -> w.label).collect(Collectors.joining(",")));
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        List<Experiment> experiments = run(samples, Math.max(200, Math.min(20_000, samples / 5)), 1, only);
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        String report = TimingReport.render(experiments, command, Instant.now(), loadBefore, loadAfter);
        TimingReport.write(out, report);
        System.out.println(report);
    }

    /** All experiments: RSA key exchange, CBC MAC-then-encrypt, CBC encrypt-then-MAC. */
    static List<Experiment> run(int samples, int warmup, long seed) throws Exception {
        return run(samples, warmup, seed, EnumSet.allOf(Which.class));
    }

    /** The chosen experiments, in the order RSA key exchange, CBC MAC-then-encrypt, CBC encrypt-then-MAC. */
    static List<Experiment> run(int samples, int warmup, long seed, Set<Which> only) throws Exception {
        List<Experiment> out = new ArrayList<>();
        if (only.contains(Which.RSA)) {
            out.add(rsa(samples, warmup, seed));
        }
        if (only.contains(Which.CBC_MTE)) {
            out.add(cbc(false, samples, warmup, seed));
        }
        if (only.contains(Which.CBC_ETM)) {
            out.add(cbc(true, samples, warmup, seed));
        }
        return out;
    }

    static Experiment rsa(int samples, int warmup, long seed) {
        RsaKeyExchangeTiming t = new RsaKeyExchangeTiming(seed);
        RsaKeyExchangeTiming.Ciphertext[] classes = RsaKeyExchangeTiming.Ciphertext.values();
        double[][] s = new double[classes.length][samples];
        List<Integer> order = indices(classes.length);
        Random shuffle = new Random(seed);
        for (int round = -warmup; round < samples; round++) {
            Collections.shuffle(order, shuffle);
            for (int c : order) {
                long ns = t.time(t.prepared(), classes[c]);
                if (round >= 0) {
                    s[c][round] = ns;
                }
            }
        }
        String[] names = new String[classes.length];
        for (int c = 0; c < classes.length; c++) {
            names[c] = classes[c].name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
        int[] padding = new int[RsaKeyExchangeTiming.Ciphertext.PLAINTEXT_TOO_LONG.ordinal() + 1];
        for (int c = 0; c < padding.length; c++) {
            padding[c] = c;
        }
        return new Experiment("RSA key exchange: the server's handling of ClientKeyExchange (RSA 2048,"
                + " TLS_RSA_WITH_AES_128_GCM_SHA256, extended master secret; " + RsaKeyExchangeTiming.POOL
                + " distinct ciphertexts per class, cycled)", names, s, padding,
                "a valid ciphertext and every padding flaw: RFC 5246 §7.4.7.1 hides which one it was");
    }

    static Experiment cbc(boolean encryptThenMac, int samples, int warmup, long seed) throws Exception {
        CbcRecordTiming t = new CbcRecordTiming(encryptThenMac, seed);
        t.selfCheck();
        int k = t.kinds.size();
        double[][] s = new double[k][samples];
        List<Integer> order = indices(k);
        Random shuffle = new Random(seed + 1);
        for (int round = -warmup; round < samples; round++) {
            Collections.shuffle(order, shuffle);
            for (int c : order) {
                long ns = t.time(t.kinds.get(c));
                if (round >= 0) {
                    s[c][round] = ns;
                }
            }
        }
        String[] names = new String[k];
        List<Integer> forged = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            names[c] = t.kinds.get(c).name();
            // MAC-then-encrypt: whatever is wrong, MAC or padding, must look the same (Lucky 13).
            // Encrypt-then-MAC: only a bad MAC can be forged; a bad padding needs the key.
            if (names[c].startsWith(encryptThenMac ? "bad MAC" : "bad")) {
                forged.add(c);
            }
        }
        int[] sameTime = forged.stream().mapToInt(Integer::intValue).toArray();
        return new Experiment("CBC record receive, " + (encryptThenMac ? "encrypt-then-MAC (RFC 7366)"
                : "MAC-then-encrypt (RFC 5246 §6.2.3.2)") + ": AES-128-CBC, HMAC-SHA256, 512-byte ciphertext", names, s,
                sameTime, encryptThenMac ? "every forged record (bad MAC) at every padding length: refused before decryption"
                        : "every bad MAC and bad padding at every padding length: one bad_record_mac, one time (Lucky 13)");
    }

    private static List<Integer> indices(int n) {
        List<Integer> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(i);
        }
        return l;
    }

}
