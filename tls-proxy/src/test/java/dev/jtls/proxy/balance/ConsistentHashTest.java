package dev.jtls.proxy.balance;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class ConsistentHashTest {

    private static final int KEYS = 100_000;

    private static List<Fixed> backends(int n) {
        List<Fixed> c = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            c.add(Fixed.of("10.0.0." + (i + 1) + ":8080", 1));
        }
        return c;
    }

    private static PickKey key(int i) throws UnknownHostException {
        // Client addresses 10.128.0.0/15-ish: realistic, consecutive keys.
        return PickKey.of(InetAddress.getByAddress(new byte[] {10, (byte) (128 + (i >>> 16)), (byte) (i >>> 8), (byte) i}));
    }

    @Property(tries = 8)
    void removingOneOfNRemapsOnlyItsKeysAndAboutOneNth(@ForAll @IntRange(min = 2, max = 12) int n,
            @ForAll @IntRange(min = 0, max = 11) int leaving) throws UnknownHostException {
        List<Fixed> all = backends(n);
        Fixed gone = all.get(leaving % n);
        List<Fixed> rest = new ArrayList<>(all);
        rest.remove(gone);
        Policy p = new ConsistentHash();
        int moved = 0;
        int othersMoved = 0;
        for (int i = 0; i < KEYS; i++) {
            PickKey k = key(i);
            Candidate before = p.pick(all, k);
            Candidate after = p.pick(rest, k);
            if (before != after) {
                moved++;
                if (before != gone) {
                    othersMoved++;
                }
            }
        }
        assertThat(othersMoved).as("keys of the back ends that stayed that moved").isZero();
        assertThat(moved / (double) KEYS).isLessThanOrEqualTo(1.0 / n + 0.01);
        assertThat(moved / (double) KEYS).isGreaterThanOrEqualTo(1.0 / n - 0.01);
    }

    @Test
    void spreadsByWeight() throws UnknownHostException {
        List<Fixed> c = List.of(Fixed.of("a", 1), Fixed.of("b", 2), Fixed.of("c", 5));
        Policy p = new ConsistentHash();
        Map<String, Integer> count = new HashMap<>();
        for (int i = 0; i < KEYS; i++) {
            count.merge(p.pick(c, key(i)).name(), 1, Integer::sum);
        }
        assertThat(count.get("a") / (double) KEYS).isCloseTo(1 / 8.0, Offset.offset(0.01));
        assertThat(count.get("b") / (double) KEYS).isCloseTo(2 / 8.0, Offset.offset(0.01));
        assertThat(count.get("c") / (double) KEYS).isCloseTo(5 / 8.0, Offset.offset(0.01));
    }

    @Test
    void aRampingBackEndTakesItsKeysBackGraduallyAndOnlyItsKeys() throws UnknownHostException {
        Policy p = new ConsistentHash();
        List<Fixed> full = List.of(Fixed.of("a", 4), Fixed.of("b", 4), Fixed.of("c", 4));
        int[] back = new int[3];
        double[] factors = {0.1, 0.5, 1.0};
        for (int f = 0; f < factors.length; f++) {
            List<Fixed> ramping = List.of(Fixed.of("a", 4), Fixed.of("b", 4), Fixed.of("c", 4 * factors[f]));
            for (int i = 0; i < KEYS; i++) {
                PickKey k = key(i);
                String atFull = p.pick(full, k).name();
                String now = p.pick(ramping, k).name();
                if (now.equals("c")) {
                    assertThat(atFull).isEqualTo("c"); // it only ever takes keys that are its own at full weight
                    back[f]++;
                }
            }
        }
        assertThat(back[0]).isLessThan(back[1]);
        assertThat(back[1]).isLessThan(back[2]);
        assertThat(back[2] / (double) KEYS).isCloseTo(1 / 3.0, Offset.offset(0.01));
    }

    @Test
    void sameKeySameBackEndRegardlessOfOrderOrInstance() throws UnknownHostException {
        List<Fixed> c = backends(7);
        List<Fixed> reversed = new ArrayList<>(c);
        java.util.Collections.reverse(reversed);
        Policy one = new ConsistentHash();
        Policy two = new ConsistentHash();
        for (int i = 0; i < 10_000; i++) {
            assertThat(two.pick(reversed, key(i))).isSameAs(one.pick(c, key(i)));
        }
    }

    @Test
    void withoutAKeyFallsBackToRoundRobin() {
        Policy p = new ConsistentHash();
        List<Fixed> c = backends(3);
        StringBuilder seq = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            seq.append(c.indexOf(p.pick(c, PickKey.NONE)));
        }
        assertThat(seq).hasToString("012012");
    }
}
