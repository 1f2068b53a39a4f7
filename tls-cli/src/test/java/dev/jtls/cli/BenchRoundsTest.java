package dev.jtls.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchRoundsTest {
    @Test
    void twoStacksAlternateWhichGoesFirst() {
        List<int[]> s = BenchRounds.schedule(6, 2);
        assertThat(s).hasSize(6);
        assertThat(s.get(0)).containsExactly(0, 1);
        assertThat(s.get(1)).containsExactly(1, 0);
        assertThat(s.get(2)).containsExactly(0, 1);
        assertThat(s.get(5)).containsExactly(1, 0);
        long jtlsFirst = s.stream().filter(o -> o[0] == 0).count();
        assertThat(jtlsFirst).isEqualTo(3);
    }

    @Test
    void everyRoundRunsEveryStackOnce() {
        for (int[] order : BenchRounds.schedule(5, 3)) {
            assertThat(order).containsExactlyInAnyOrder(0, 1, 2);
        }
        assertThatThrownBy(() -> BenchRounds.schedule(0, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theRatioIsTheMedianOfTheRoundsWithTheirRange() {
        // Odd count: the middle value, whatever the order the rounds came in.
        BenchRounds.Ratio odd = BenchRounds.Ratio.of(new double[] {2.13, 0.89, 1.50, 1.40, 1.45});
        assertThat(odd.median()).isEqualTo(1.45);
        assertThat(odd.min()).isEqualTo(0.89);
        assertThat(odd.max()).isEqualTo(2.13);
        assertThat(odd.wide()).isTrue();
        // Even count: the mean of the two middle values; one outlier does not move it far.
        BenchRounds.Ratio even = BenchRounds.Ratio.of(new double[] {1.10, 1.20, 1.00, 5.00});
        assertThat(even.median()).isEqualTo(1.15, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aNarrowSpreadIsNotFlagged() {
        BenchRounds.Ratio steady = BenchRounds.Ratio.of(new double[] {1.50, 1.55, 1.52, 1.58, 1.49, 1.51});
        assertThat(steady.wide()).isFalse();
        assertThat(BenchRounds.Ratio.of(new double[] {1.0, 1.0 * BenchRounds.WIDE_SPREAD + 0.01}).wide()).isTrue();
        assertThatThrownBy(() -> BenchRounds.Ratio.of(new double[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMachineIsBusyAboveSevenTenthsOfItsProcessors() {
        assertThat(new MachineLoad(1.3, 2).busy()).isFalse();
        assertThat(new MachineLoad(1.5, 2).busy()).isTrue();
        assertThat(new MachineLoad(-1, 2).busy()).isFalse();
        assertThat(new MachineLoad(-1, 2).describe()).isEqualTo("load average unknown");
        assertThat(new MachineLoad(1.5, 2).describe()).isEqualTo("load average 1.50 on 2 processors");
        MachineLoad now = MachineLoad.now();
        assertThat(now.processors()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }
}
