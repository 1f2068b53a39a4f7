package dev.jtls.proxy.balance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RoundRobinTest {

    @Test
    void cyclesInOrderIgnoringWeights() {
        Policy p = new RoundRobin();
        List<Fixed> c = List.of(Fixed.of("a", 1), Fixed.of("b", 9), Fixed.of("c", 1));
        assertThat(Fixed.sequence(p, c, PickKey.of("ignored"), 9)).isEqualTo("abcabcabc");
    }
}
