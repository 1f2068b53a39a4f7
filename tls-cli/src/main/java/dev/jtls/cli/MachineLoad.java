package dev.jtls.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine's load average against its processors: a benchmark on a machine already busy with
 * other work measures that work as much as the code, so {@code jtls bench} says so.
 *
 * @param loadAverage the one-minute load average (runnable processes), or negative if unknown
 */
record MachineLoad(double loadAverage, int processors) {
    /** Busy: more runnable processes than this share of the processors, before jtls bench adds its own. */
    static final double BUSY_SHARE = 0.7;

    /** Now: /proc/loadavg where there is one (Linux), else what the JVM's OperatingSystemMXBean reports. */
    static MachineLoad now() {
        int cpus = Runtime.getRuntime().availableProcessors();
        Path proc = Path.of("/proc/loadavg");
        try {
            if (Files.isReadable(proc)) {
                return new MachineLoad(Double.parseDouble(Files.readString(proc).trim().split("\\s+")[0]), cpus);
            }
        } catch (IOException | NumberFormatException e) {
            // Fall back to the JVM's view below.
        }
        return new MachineLoad(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), cpus);
    }

    boolean known() {
        return loadAverage >= 0;
    }

    boolean busy() {
        return known() && loadAverage > BUSY_SHARE * processors;
    }

    String describe() {
        return known() ? String.format(java.util.Locale.ROOT, "load average %.2f on %d processors", loadAverage, processors)
                : "load average unknown";
    }
}
