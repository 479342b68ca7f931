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

    @Test
    void requestBodiesAreBuffered64KiBAndMustComeAt1KBPerSecondOver10SecondsUnlessWritten() {
        Path file = ConfigFiles.write(dir, ConfigFiles.MINIMAL);

        ProxySettings proxy = new ConfigLoader().load(file).proxy();

        assertThat(proxy.requestBufferBytes()).isEqualTo(64 * 1024);
        assertThat(proxy.minBodyBytesPerSecond()).isEqualTo(1000);
        assertThat(proxy.bodyTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void writtenBodyRulesAreReadAndZeroTurnsBufferAndRateOff() {
        Path rules = ConfigFiles.write(
                dir,
                ConfigFiles.MINIMAL + "proxy: { request_buffer: 1MiB, min_body_rate: 500B/s, body_timeout: 30s }\n");
        ProxySettings read = new ConfigLoader().load(rules).proxy();
        Path off = ConfigFiles.write(dir, ConfigFiles.MINIMAL + "proxy: { request_buffer: 0, min_body_rate: 0 }\n");

        ProxySettings none = new ConfigLoader().load(off).proxy();

        assertThat(read.requestBufferBytes()).isEqualTo(1 << 20);
        assertThat(read.minBodyBytesPerSecond()).isEqualTo(500);
        assertThat(read.bodyTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(none.requestBufferBytes()).isZero();
        assertThat(none.minBodyBytesPerSecond()).isZero();
    }

    @Test
    void badBodyRulesAreRefusedEachWithItsLine() {
        Path file = ConfigFiles.write(
                dir,
                ConfigFiles.MINIMAL + "proxy:\n  request_buffer: 1GiB\n  min_body_rate: fast\n  body_timeout: 0s\n");

        InvalidConfigException invalid =
                catchThrowableOfType(InvalidConfigException.class, () -> new ConfigLoader().load(file));

        assertThat(invalid.problems())
                .extracting(ConfigFiles::withoutFile)
                .satisfiesExactly(
                        buffer -> assertThat(buffer).startsWith("7: proxy.request_buffer: \"1GiB\" is more than 16MiB"),
                        rate -> assertThat(rate)
                                .startsWith("8: proxy.min_body_rate: \"fast\" is not a rate like 1KB/s"),
                        timeout -> assertThat(timeout).startsWith("9: proxy.body_timeout: \"0s\""));
    }
}
