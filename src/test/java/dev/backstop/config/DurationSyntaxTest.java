package dev.backstop.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationSyntaxTest {

    @ParameterizedTest(name = "{0} is {1} ms")
    @CsvSource({
        "500ms, 500", "1s, 1000", "2m, 120000", "1h, 3600000", "1d, 86400000", "1m30s, 90000",
        "1h15m, 4500000", "2s500ms, 2500", "0, 0", "0s, 0", "' 5s ', 5000", "1d2h3m4s5ms, 93784005"
    })
    void readsEveryUnitAndCombinationsFromTheLargestDown(String text, long millis) {
        assertThat(DurationSyntax.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @ValueSource(strings = {"1 second", "1 s", "1.5s", "-1s", "s", "", "1sec", "30s1m", "1s1s", "1S", "PT1S", "1w"})
    void refusesAnythingElseNamingTheValue(String text) {
        assertThatThrownBy(() -> DurationSyntax.parse(text))
                .isInstanceOf(MalformedValueException.class)
                .hasMessage("\"" + text + "\" is not a duration like 1s, 500ms, 2m.");
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @ValueSource(strings = {"30", "1000"})
    void refusesABareNumberAndSaysHowToWriteTheUnit(String text) {
        assertThatThrownBy(() -> DurationSyntax.parse(text))
                .isInstanceOf(MalformedValueException.class)
                .hasMessage("\"" + text + "\" has no unit; write " + text + "s, " + text + "m or " + text + "ms.");
    }

    @ParameterizedTest(name = "{0} ms is written {1}")
    @CsvSource({"0, 0s", "500, 500ms", "90000, 1m30s", "86400000, 1d", "3600500, 1h500ms"})
    void formatsSoThatParsingReadsItBack(long millis, String text) {
        assertThat(DurationSyntax.format(Duration.ofMillis(millis))).isEqualTo(text);
        assertThat(DurationSyntax.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }
}
