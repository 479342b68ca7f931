package dev.backstop.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.release.LinkResolver.Outcome;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LinkResolverTest {

    @Test
    void aLinkToASiblingStaysInside() {
        assertThat(LinkResolver.resolve("lib/link.rb", Map.of("lib/link.rb", "a.rb")))
                .isEqualTo(Outcome.INSIDE);
    }

    @Test
    void aLinkUpToTheRootStaysInsideButOneLevelMoreLeaves() {
        assertThat(LinkResolver.resolve("a/b/root", Map.of("a/b/root", "../..")))
                .isEqualTo(Outcome.INSIDE);
        assertThat(LinkResolver.resolve("a/b/out", Map.of("a/b/out", "../../..")))
                .isEqualTo(Outcome.OUTSIDE);
    }

    @Test
    void aLinkThroughAnotherLinkIsFollowedAsTheKernelWould() {
        Map<String, String> links = Map.of("deep/x/top", "../..", "deep/escape", "x/top/../..");

        assertThat(LinkResolver.resolve("deep/escape", links)).isEqualTo(Outcome.OUTSIDE);
    }

    @Test
    void aLinkToALinkThatLeavesLeavesToo() {
        assertThat(LinkResolver.resolve("b", Map.of("a", "/etc", "b", "a"))).isEqualTo(Outcome.OUTSIDE);
    }

    @Test
    void linksThatPointAtEachOtherLoop() {
        assertThat(LinkResolver.resolve("a", Map.of("a", "b", "b", "a"))).isEqualTo(Outcome.LOOP);
    }
}
