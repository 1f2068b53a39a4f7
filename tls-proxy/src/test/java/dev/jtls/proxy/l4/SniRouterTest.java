package dev.jtls.proxy.l4;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SniRouterTest {
    private final SniRouter router = new SniRouter(Map.of(
            "api.example.com", "api",
            "*.example.com", "wild",
            "*.eu.example.com", "eu",
            "Mixed.Example.ORG", "mixed"), "default");

    @Test
    void exactBeatsWildcardAndTheLongestSuffixWins() {
        assertThat(router.route("api.example.com")).isEqualTo("api");
        assertThat(router.route("www.example.com")).isEqualTo("wild");
        assertThat(router.route("a.b.example.com")).isEqualTo("wild");
        assertThat(router.route("x.eu.example.com")).isEqualTo("eu");
        assertThat(router.route("eu.example.com")).isEqualTo("wild");
    }

    @Test
    void caseAndTheTrailingDotDoNotMatter() {
        assertThat(router.route("API.EXAMPLE.COM")).isEqualTo("api");
        assertThat(router.route("mixed.example.org")).isEqualTo("mixed");
        assertThat(router.route("api.example.com.")).isEqualTo("api");
    }

    @Test
    void theBareSuffixAndOtherNamesGoToTheDefault() {
        assertThat(router.route("example.com")).isEqualTo("default");
        assertThat(router.route("other.net")).isEqualTo("default");
        assertThat(router.route(null)).isEqualTo("default");
        assertThat(new SniRouter(Map.of("a.test", "a"), null).route("b.test")).isNull();
        assertThat(new SniRouter(Map.of("a.test", "a"), null).route(null)).isNull();
    }
}
