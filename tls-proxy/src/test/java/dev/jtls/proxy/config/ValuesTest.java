package dev.jtls.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ValuesTest {

    @Property(tries = 200)
    void aDurationReadsBackAsWritten(@ForAll @LongRange(min = 0, max = 100L * 24 * 3600 * 1000) long millis) {
        Duration d = Duration.ofMillis(millis);
        assertThat(Values.duration(Values.format(d))).isEqualTo(d);
    }

    @Property(tries = 200)
    void aSizeReadsBackAsWritten(@ForAll @LongRange(min = 0, max = 1L << 40) long bytes) {
        assertThat(Values.size(Values.formatSize(bytes))).isEqualTo(bytes);
    }

    @Property(tries = 300)
    void everyAddressBlockIsItsNetworkWithHostBitsZero(@ForAll @Size(min = 16, max = 16) List<Byte> bytes,
            @ForAll @IntRange(min = 0, max = 128) int prefix, @ForAll boolean v4) throws Exception {
        byte[] raw = new byte[v4 ? 4 : 16];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = bytes.get(i);
        }
        int p = v4 ? prefix % 33 : prefix;
        String text = io.netty.util.NetUtil.toAddressString(InetAddress.getByAddress(raw)) + "/" + p;
        try {
            Cidr c = Values.cidr(text);
            // Accepted only when the host bits were already zero, and then it is the same block.
            assertThat(c.prefixLength()).isEqualTo(p);
            assertThat(c.network().getAddress()).isEqualTo(raw);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).contains("has host bits set; did you mean '");
            String suggested = e.getMessage().replaceAll(".*did you mean '([^']*)'.*", "$1");
            Cidr fixed = Values.cidr(suggested);
            assertThat(fixed.prefixLength()).isEqualTo(p);
        }
    }

    @Test
    void durationsAndSizesByExample() {
        assertThat(Values.duration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Values.duration("10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(Values.duration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Values.duration("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Values.duration("0")).isZero();
        assertThatThrownBy(() -> Values.duration("1.5s")).hasMessageContaining("got '1.5s'");
        assertThatThrownBy(() -> Values.duration("-1s")).hasMessageContaining("got '-1s'");
        assertThat(Values.size("16KiB")).isEqualTo(16384);
        assertThat(Values.size("10MiB")).isEqualTo(10L << 20);
        assertThat(Values.size("8192")).isEqualTo(8192);
        assertThatThrownBy(() -> Values.size("99999999999GiB")).hasMessageContaining("too large");
    }

    @Test
    void suggestionsAreCloseOrNothing() {
        assertThat(Values.closest("weigth", List.of("weight", "name", "address"))).isEqualTo("weight");
        assertThat(Values.closest("colour", List.of("weight", "name", "address"))).isNull();
        assertThat(Values.editDistance("kitten", "sitting")).isEqualTo(3);
    }
}
