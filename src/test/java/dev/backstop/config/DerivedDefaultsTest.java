package dev.backstop.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Defaults that depend on other keys adapt to what the user wrote, and a problem names only keys
 * the user wrote (or says which default clashes and how to set it). Also the file no parser should
 * take down the CLI with: YAML nested far deeper than any key of backstop.yml.
 */
class DerivedDefaultsTest {

    @TempDir
    Path dir;

    @Test
    void aShortVerifyWindowWithoutAnIntervalGetsAnIntervalThatSamplesIt() {
        BackstopConfig config = load(ConfigFiles.MINIMAL + "verify: { window: 3s }\n");

        assertThat(config.verify().window()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.verify().interval()).isEqualTo(Duration.ofMillis(600));
    }

    @Test
    void theDefaultIntervalStaysFiveSecondsForALongWindowAndTinyWindowsAreStillSampled() {
        assertThat(load(ConfigFiles.MINIMAL + "verify: { window: 10m }\n")
                        .verify()
                        .interval())
                .isEqualTo(Duration.ofSeconds(5));
        assertThat(load(ConfigFiles.MINIMAL + "verify: { window: 200ms }\n")
                        .verify()
                        .interval())
                .isEqualTo(Duration.ofMillis(100));
        assertThat(load(ConfigFiles.MINIMAL + "verify: { window: 50ms }\n")
                        .verify()
                        .interval())
                .isEqualTo(Duration.ofMillis(50));
    }

    @Test
    void anIntervalLongerThanTheDefaultWindowSaysTheWindowIsADefaultAndHowToSetIt() {
        InvalidConfigException invalid = problems(ConfigFiles.MINIMAL + "verify: { interval: 2m }\n");

        assertThat(invalid.problems())
                .extracting(ConfigFiles::withoutFile)
                .containsExactly("6: verify.interval: \"2m\" is longer than the default window of 1m"
                        + " (set verify.window to change it); make it shorter so the window is sampled.");
    }

    @Test
    void aLongBackoffInitialRaisesTheUnwrittenBackoffMaxAndAShortMaxLowersTheUnwrittenInitial() {
        Supervision slowStart = load(ConfigFiles.MINIMAL + "supervision: { backoff_initial: 1m }\n")
                .supervision();
        Supervision quickCap = load(ConfigFiles.MINIMAL + "supervision: { backoff_max: 500ms }\n")
                .supervision();

        assertThat(slowStart.backoffInitial()).isEqualTo(Duration.ofMinutes(1));
        assertThat(slowStart.backoffMax()).isEqualTo(Duration.ofMinutes(1));
        assertThat(quickCap.backoffInitial()).isEqualTo(Duration.ofMillis(500));
        assertThat(quickCap.backoffMax()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void yamlNestedAThousandLevelsDeepIsOneProblemNamingTheTopKeyAndTheLine() {
        StringBuilder deep = new StringBuilder(ConfigFiles.MINIMAL + "env:\n");
        for (int level = 1; level <= 1000; level++) {
            deep.append("  ".repeat(level)).append("k").append(level).append(":\n");
        }
        deep.append("  ".repeat(1001)).append("v\n");
        StringBuilder flow = new StringBuilder(ConfigFiles.MINIMAL + "env: ");
        flow.append("[".repeat(1000)).append("]".repeat(1000)).append("\n");

        InvalidConfigException block = problems(deep.toString());
        InvalidConfigException inline = problems(flow.toString());

        assertThat(block.problems())
                .extracting(ConfigFiles::withoutFile)
                .containsExactly("38: env: is nested more than 32 levels deep; no backstop.yml key needs more than"
                        + " a few, see 'backstop init'.");
        assertThat(inline.problems())
                .extracting(ConfigFiles::withoutFile)
                .singleElement()
                .asString()
                .startsWith("6: env: is nested more than 32 levels deep");
        assertThat(block.exitCode()).isEqualTo(2);
    }

    private BackstopConfig load(String yaml) {
        return new ConfigLoader().load(ConfigFiles.write(dir, yaml));
    }

    private InvalidConfigException problems(String yaml) {
        return catchThrowableOfType(InvalidConfigException.class, () -> load(yaml));
    }
}
