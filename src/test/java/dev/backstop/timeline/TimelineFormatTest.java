package dev.backstop.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimelineFormatTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
    private static final List<Event> EVENTS = List.of(new Event(
            1,
            "shop",
            Instant.parse("2026-11-25T11:00:00Z"),
            "alice",
            "lock.on",
            Optional.empty(),
            Optional.empty(),
            "deploys frozen",
            Map.of()));

    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource({"text, TEXT", "md, MD", "json, JSON", "JSON, JSON", "' md ', MD"})
    void readsTheWordsUsersType(String label, TimelineFormat format) {
        assertThat(TimelineFormat.named(label)).isEqualTo(format);
    }

    @Test
    void refusesAnUnknownFormatNamingTheKnownOnes() {
        assertThatThrownBy(() -> TimelineFormat.named("markdown"))
                .isInstanceOf(UnknownTimelineFormatException.class)
                .hasMessage("--format 'markdown' is not a timeline format; use one of text, md, json.");
    }

    @Test
    void eachFormatRendersWithItsOwnRenderer() {
        assertThat(TimelineFormat.TEXT.render("shop", EVENTS, CLOCK))
                .isEqualTo(new TextTimeline(ZoneOffset.UTC).render(EVENTS));
        assertThat(TimelineFormat.MD.render("shop", EVENTS, CLOCK))
                .isEqualTo(new MarkdownPostMortem(CLOCK).render("shop", EVENTS));
        assertThat(TimelineFormat.JSON.render("shop", EVENTS, CLOCK)).isEqualTo(JsonTimeline.render(EVENTS));
    }
}
