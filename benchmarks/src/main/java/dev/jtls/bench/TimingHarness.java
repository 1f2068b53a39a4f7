package dev.jtls.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A timing-side-channel harness (not a timed test): RSA key exchange in the manner of the Marvin
 * study and CBC records in the manner of Lucky 13, each ciphertext class measured once per round
 * in random order after a JIT warm-up, then compared with {@link TimingStats} and written by
 * {@link TimingReport}.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar dev.jtls.bench.TimingHarness [samples per
 * class] [output file]}: 200,000 per class on a quiet machine for a claim; fewer for a look.
 */
public final class TimingHarness {
    /**
     * One experiment's samples: samples[class][round], nanoseconds; class 0 is the baseline.
     * {@code sameTime} lists the classes an attacker can choose between that must take the same time
     * (the first of them is their baseline), and {@code why} says why they must.
     */
    record Experiment(String title, String[] names, double[][] samples, int[] sameTime, String why) {
    }

    private TimingHarness() {
    }

    public static void main(String[] args) throws Exception {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        Path out = Path.of(args.length > 1 ? args[1] : "benchmarks/RESULTS-timing.md");
        String command = "java -cp benchmarks/target/benchmarks.jar dev.jtls.bench.TimingHarness " + samples + " " + out;
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        List<Experiment> experiments = run(samples, Math.max(200, Math.min(20_000, samples / 5)), 1);
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        String report = TimingReport.render(experiments, command, Instant.now(), loadBefore, loadAfter);
        TimingReport.write(out, report);
        System.out.println(report);
    }

    /** All experiments: RSA key exchange, CBC MAC-then-encrypt, CBC encrypt-then-MAC. */
    static List<Experiment> run(int samples, int warmup, long seed) throws Exception {
        List<Experiment> out = new ArrayList<>();
        out.add(rsa(samples, warmup, seed));
        out.add(cbc(false, samples, warmup, seed));
        out.add(cbc(true, samples, warmup, seed));
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
                + " TLS_RSA_WITH_AES_128_GCM_SHA256, extended master secret)", names, s, padding,
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
