package dev.backstop.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code maintenance.alert_after}, and {@code warn_after}, its older name, which still loads with a warning. */
class MaintenanceAlertAfterTest {

    private static final String APP = """
            app: shop
            root: .
            services:
              web: { command: bin/web }
            """;

    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();

    @Test
    void alertAfterDefaultsToThirtyMinutesWithoutAWarning() {
        BackstopConfig config = load(APP);

        assertThat(config.maintenance().alertAfter()).isEqualTo(Duration.ofMinutes(30));
        assertThat(warnings).isEmpty();
    }

    @Test
    void alertAfterIsRead() {
        BackstopConfig config = load(APP + "maintenance: { alert_after: 2h }\n");

        assertThat(config.maintenance().alertAfter()).isEqualTo(Duration.ofHours(2));
        assertThat(warnings).isEmpty();
    }

    @Test
    void warnAfterStillWorksAndWarnsOnceNamingTheLineAndTheNewKey() {
        BackstopConfig config = load(APP + "maintenance:\n  warn_after: 45m\n");

        assertThat(config.maintenance().alertAfter()).isEqualTo(Duration.ofMinutes(45));
        assertThat(warnings)
                .singleElement()
                .asString()
                .endsWith("backstop.yml:6: maintenance.warn_after: is deprecated; rename it to alert_after (same"
                        + " value), which alerts when maintenance is left on longer.");
    }

    @Test
    void bothNamesAtOnceAreRefused() {
        Path file = ConfigFiles.write(dir, APP + "maintenance: { alert_after: 1h, warn_after: 2h }\n");

        InvalidConfigException invalid =
                catchThrowableOfType(InvalidConfigException.class, () -> new ConfigLoader(warnings::add).load(file));

        assertThat(invalid.problems())
                .extracting(ConfigFiles::withoutFile)
                .containsExactly(
                        "5: maintenance.warn_after: is the old name of alert_after, which is set too; remove warn_after.");
    }

    @Test
    void aMalformedAlertAfterNamesTheKeyAndTheValue() {
        Path file = ConfigFiles.write(dir, APP + "maintenance: { alert_after: soon }\n");

        InvalidConfigException invalid =
                catchThrowableOfType(InvalidConfigException.class, () -> new ConfigLoader(warnings::add).load(file));

        assertThat(invalid.problems())
                .extracting(ConfigFiles::withoutFile)
                .singleElement()
                .asString()
                .startsWith("5: maintenance.alert_after: \"soon\"");
    }

    private BackstopConfig load(String yaml) {
        return new ConfigLoader(warnings::add).load(ConfigFiles.write(dir, yaml));
    }
}
