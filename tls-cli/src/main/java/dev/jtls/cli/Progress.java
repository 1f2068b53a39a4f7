package dev.jtls.cli;

import java.io.PrintStream;

/**
 * The progress of {@code jtls bench} on standard error: on a terminal one line redrawn in place
 * ({@code \r}) with a bar, a step per measurement; otherwise (a pipe, a log, a test) one plain
 * line per finished row.
 */
final class Progress {
    private static final int WIDTH = 24;

    private final PrintStream err;
    private final boolean live;
    private final int rows;
    private final int steps;
    private int rowsDone;
    private int stepsDone;
    private int drawn;

    Progress(PrintStream err, boolean live, int rows, int steps) {
        this.err = err;
        this.live = live;
        this.rows = rows;
        this.steps = steps;
    }

    /** A bar only on a terminal (System.console() is there); plain lines else. */
    static Progress forStandardError(int rows, int steps) {
        return new Progress(System.err, System.console() != null, rows, steps);
    }

    /** A measurement begins: redraws the bar with what runs now (terminal only). */
    void step(String what) {
        if (live) {
            int filled = steps == 0 ? WIDTH : stepsDone * WIDTH / steps;
            String line = "[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] " + stepsDone + "/" + steps + "  " + what;
            err.print("\r" + line + " ".repeat(Math.max(0, drawn - line.length())));
            err.flush();
            drawn = line.length();
        }
        stepsDone++;
    }

    /** A row is finished: a line of its own when not on a terminal. */
    void row(String summary) {
        rowsDone++;
        if (!live) {
            err.println("jtls bench: " + rowsDone + "/" + rows + " " + summary);
        }
    }

    /** Clears the bar so that the table starts on a clean line. */
    void finish() {
        if (live && drawn > 0) {
            err.print("\r" + " ".repeat(drawn) + "\r");
            err.flush();
        }
    }
}
