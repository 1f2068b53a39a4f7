package dev.jtls.proxy.l4;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.proxy.config.Cidr;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class CidrMatcherTest {

    static Cidr cidr(String net, int prefix) throws Exception {
        return new Cidr(InetAddress.getByName(net), prefix);
    }

    static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void ipv4Blocks() throws Exception {
        assertThat(CidrMatcher.contains(cidr("10.0.0.0", 8), ip("10.255.1.2"))).isTrue();
        assertThat(CidrMatcher.contains(cidr("10.0.0.0", 8), ip("11.0.0.1"))).isFalse();
        assertThat(CidrMatcher.contains(cidr("192.168.4.0", 22), ip("192.168.7.255"))).isTrue();
        assertThat(CidrMatcher.contains(cidr("192.168.4.0", 22), ip("192.168.8.0"))).isFalse();
        assertThat(CidrMatcher.contains(cidr("127.0.0.1", 32), ip("127.0.0.1"))).isTrue();
        assertThat(CidrMatcher.contains(cidr("127.0.0.1", 32), ip("127.0.0.2"))).isFalse();
        assertThat(CidrMatcher.contains(cidr("0.0.0.0", 0), ip("8.8.8.8"))).isTrue();
    }

    @Test
    void ipv6BlocksAndMappedAddresses() throws Exception {
        assertThat(CidrMatcher.contains(cidr("2001:db8::", 32), ip("2001:db8:1::5"))).isTrue();
        assertThat(CidrMatcher.contains(cidr("2001:db8::", 33), ip("2001:db8:8000::1"))).isFalse();
        assertThat(CidrMatcher.contains(cidr("::1", 128), ip("::1"))).isTrue();
        // Families never cross, except an IPv4-mapped address, which is its IPv4 address.
        assertThat(CidrMatcher.contains(cidr("::", 0), ip("10.0.0.1"))).isFalse();
        assertThat(CidrMatcher.contains(cidr("10.0.0.0", 8), ip("::ffff:10.1.2.3"))).isTrue();
        assertThat(CidrMatcher.contains(cidr("10.0.0.0", 8), ip("::1"))).isFalse();
    }

    @Test
    void anyOfAList() throws Exception {
        List<Cidr> list = List.of(cidr("10.0.0.0", 8), cidr("::1", 128));
        assertThat(CidrMatcher.anyContains(list, ip("::1"))).isTrue();
        assertThat(CidrMatcher.anyContains(list, ip("127.0.0.1"))).isFalse();
        assertThat(CidrMatcher.anyContains(List.of(), ip("10.0.0.1"))).isFalse();
        assertThat(CidrMatcher.anyContains(list, null)).isFalse();
    }
}
