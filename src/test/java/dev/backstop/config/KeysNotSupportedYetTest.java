package dev.backstop.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.backstop.BackstopException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Keys of the design that nothing acts on yet are refused by name, never silently accepted. */
class KeysNotSupportedYetTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("keysNothingActsOn")
    void aKeyNothingActsOnIsRefusedWithItsLineAndWhatToUseInstead(String key, String yaml, String expected) {
        Path file = ConfigFiles.write(dir, ConfigFiles.MINIMAL + yaml);

        InvalidConfigException invalid =
                catchThrowableOfType(InvalidConfigException.class, () -> new ConfigLoader().load(file));

        assertThat(invalid.problems()).extracting(ConfigFiles::withoutFile).containsExactly(expected);
        assertThat(invalid.exitCode()).isEqualTo(BackstopException.BAD_INPUT);
    }

    static Stream<Arguments> keysNothingActsOn() {
        return Stream.of(Arguments.of(
                "verify.max_new_error_groups",
                "verify:\n  window: 60s\n  max_new_error_groups: 0\n",
                "8: verify.max_new_error_groups: not supported yet: no exception intake counts error groups"
                        + " yet; remove it, and use verify.max_errors_per_minute, which counts 5xx responses."));
    }

    @Test
    void aRestartCommandIsRefusedInProxyModeWhereNothingRunsIt() {
        Path file = ConfigFiles.write(
                dir, ConfigFiles.MINIMAL + "switch: proxy\nrestart: { command: \"systemctl restart shop\" }\n");

        InvalidConfigException invalid =
                catchThrowableOfType(InvalidConfigException.class, () -> new ConfigLoader().load(file));

        assertThat(invalid.problems())
                .extracting(ConfigFiles::withoutFile)
                .containsExactly("7: restart: is only used with switch: restart; in proxy mode Backstop starts the app"
                        + " itself, remove it or comment it out.");
    }

    @Test
    void aWorkerIsRefusedInRestartModeWhereNothingWouldRunOrWatchIt() {
        Path file = ConfigFiles.write(dir, """
                app: shop
                root: .
                switch: restart
                restart: { command: "systemctl restart shop.target" }
                services:
                  web: { command: bin/web, port: 3000 }
                  worker:
                    command: bin/delayed_job run
                """);

        InvalidConfigException invalid =
                catchThrowableOfType(InvalidConfigException.class, () -> new ConfigLoader().load(file));

        assertThat(invalid.problems())
                .extracting(ConfigFiles::withoutFile)
                .containsExactly("7: services.worker: is not run by Backstop with switch: restart, your service manager"
                        + " runs the app's processes; remove it here and keep it up there (systemd: Restart=always),"
                        + " or use switch: proxy to have Backstop supervise it.");
    }

    @Test
    void noKeyIsBothReadAndRefused() {
        List<String> readKeys = Stream.of(
                        ConfigReader.KEYS.stream(),
                        VerifyReader.KEYS.stream().map(key -> "verify." + key),
                        WatchReader.ALERT_KEYS.stream().map(key -> "alerts[]." + key))
                .flatMap(keys -> keys)
                .toList();

        assertThat(readKeys).doesNotContainAnyElementsOf(NotSupportedYet.KEYS.keySet());
    }
}
