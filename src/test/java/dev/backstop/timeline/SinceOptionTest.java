package dev.backstop.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SinceOptionTest {

    /** Noon UTC is 13:00 in Berlin. */
    private static final Clock NOON = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneId.of("Europe/Berlin"));

    @ParameterizedTest(name = "--since {0} is {1}")
    @CsvSource({
        "2h, 2026-11-25T10:00:00Z",
        "30m, 2026-11-25T11:30:00Z",
        "1d, 2026-11-24T12:00:00Z",
        "1h30m, 2026-11-25T10:30:00Z",
        "0, 2026-11-25T12:00:00Z",
        "' 2h ', 2026-11-25T10:00:00Z",
        "2026-11-25, 2026-11-24T23:00:00Z",
        "2026-11-25T10:00, 2026-11-25T09:00:00Z",
        "2026-11-25T10:00:30, 2026-11-25T09:00:30Z",
        "2026-11-25T10:00:00Z, 2026-11-25T10:00:00Z",
        "2026-11-25T10:00:00.5Z, 2026-11-25T10:00:00.500Z",
        "2026-11-25T10:00:00+01:00, 2026-11-25T09:00:00Z"
    })
    void readsADurationBackFromNowOrADateOrTimeWithLocalFormsInTheClocksZone(String text, Instant expected) {
        assertThat(SinceOption.since(text, NOON)).contains(expected);
    }

    @Test
    void noValueMeansTheWholeTimeline() {
        assertThat(SinceOption.since(null, NOON)).isEmpty();
        assertThat(SinceOption.since("  ", NOON)).isEqualTo(Optional.empty());
    }

    @ParameterizedTest(name = "--since \"{0}\" is refused")
    @ValueSource(
            strings = {"yesterday", "2 hours", "30", "-2h", "2026-13-01", "25.11.2026", "2026-11-25 10:00", "PT2H"})
    void refusesAnythingElseNamingTheValueAndTheAcceptedForms(String text) {
        assertThatThrownBy(() -> SinceOption.since(text, NOON))
                .isInstanceOf(InvalidSinceException.class)
                .hasMessage("--since '" + text + "' is not a duration like 2h, 30m, 1d or a date/time like 2026-11-25,"
                        + " 2026-11-25T10:00 or 2026-11-25T10:00:00Z; for example: --since 2h.");
    }

    @Test
    void refusesAMomentInTheFuture() {
        assertThatThrownBy(() -> SinceOption.since("2026-11-26", NOON))
                .isInstanceOf(InvalidSinceException.class)
                .hasMessageStartingWith("--since '2026-11-26' is in the future (it is 2026-11-25 13:00:00 now); give ")
                .extracting(exception -> ((InvalidSinceException) exception).exitCode())
                .isEqualTo(2);
    }
}
