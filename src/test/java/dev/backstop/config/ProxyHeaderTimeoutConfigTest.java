package dev.backstop.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProxyHeaderTimeoutConfigTest {

    @TempDir
    Path dir;

    @Test
    void theHeaderTimeoutIsTenSecondsUnlessWritten() {
        Path file = ConfigFiles.write(dir, ConfigFiles.MINIMAL);

        BackstopConfig config = new ConfigLoader().load(file);

        assertThat(config.proxy().headerTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aWrittenHeaderTimeoutIsRead() {
        Path file = ConfigFiles.write(dir, ConfigFiles.MINIMAL + "proxy: { header_timeout: 2500ms }\n");

        BackstopConfig config = new ConfigLoader().load(file);

        assertThat(config.proxy().headerTimeout()).isEqualTo(Duration.ofMillis(2500));
    }

    @Test
    void aHeaderTimeoutThatIsNotAPositiveDurationIsRefusedWithItsLine() {
        Path file = ConfigFiles.write(dir, ConfigFiles.MINIMAL + "proxy:\n  header_timeout: soon\n");

        InvalidConfigException invalid =
                catchThrowableOfType(InvalidConfigException.class, () -> new ConfigLoader().load(file));

        assertThat(invalid.problems())
                .extracting(ConfigFiles::withoutFile)
                .singleElement()
                .asString()
                .startsWith("7: proxy.header_timeout: \"soon\"");
    }
}
