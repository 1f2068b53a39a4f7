package dev.jtls.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/**
 * The cells of one matrix row, run one after another: each column's check is recorded in
 * {@link Matrix} as ok or as its failure, and {@link #assertAllOk} then fails the test with every
 * failed column, so one broken column neither hides the others nor passes silently.
 */
final class Cells {
    /** One column's check. */
    @FunctionalInterface
    interface Check {
        void run() throws Exception;
    }

    private final Matrix matrix;
    private final Matrix.Row row;
    private final List<String> failures = new ArrayList<>();

    Cells(Matrix matrix, Matrix.Row row) {
        this.matrix = matrix;
        this.row = row;
    }

    void check(String column, Check check) {
        try {
            check.run();
            matrix.cell(row, column, "ok");
        } catch (Exception | AssertionError e) {
            matrix.cell(row, column, "FAIL: " + Matrix.firstLine(e.getMessage()));
            failures.add(column + ": " + e);
        }
    }

    /** Every column as refused by the peer, in the peer's words; not a failure of jtls. */
    void refusedAll(String peerText) {
        for (String c : Matrix.COLUMNS) {
            matrix.cell(row, c, "refused: " + peerText);
        }
    }

    /** One column as refused by the peer, in the peer's words. */
    void refused(String column, String peerText) {
        matrix.cell(row, column, "refused: " + peerText);
    }

    void assertAllOk() {
        assertThat(failures).as("failed cells of " + row).isEmpty();
    }
}
