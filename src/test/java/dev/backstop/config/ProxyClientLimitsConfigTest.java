package dev.backstop.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProxyClientLimitsConfigTest {

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
    void theCapPerClientAddressIsAThousandUnlessWritten() {
        Path defaults = ConfigFiles.write(dir, ConfigFiles.MINIMAL);
        int unwritten = new ConfigLoader().load(defaults).proxy().maxConnectionsPerIp();
        Path written = ConfigFiles.write(dir, ConfigFiles.MINIMAL + "proxy: { max_connections_per_ip: 20 }\n");

        int read = new ConfigLoader().load(written).proxy().maxConnectionsPerIp();

        assertThat(unwritten).isEqualTo(1000);
        assertThat(read).isEqualTo(20);
    }

    @Test
    void aCapPerClientAddressBelowOneIsRefusedWithItsLine() {
        Path file = ConfigFiles.write(dir, ConfigFiles.MINIMAL + "proxy:\n  max_connections_per_ip: 0\n");

        InvalidConfigException invalid =
                catchThrowableOfType(InvalidConfigException.class, () -> new ConfigLoader().load(file));

        assertThat(invalid.problems())
                .extracting(ConfigFiles::withoutFile)
                .singleElement()
                .asString()
                .startsWith("7: proxy.max_connections_per_ip: \"0\"");
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
