package dev.backstop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backstop preflight VERSION}, the CI check: a failing check's line names the exception it printed. */
class PreflightNamesTheExceptionTest {

    @TempDir
    Path dir;

    @Test
    void aFailingCheckNamesTheExceptionOfTheReleaseThatCrashesAtBoot() throws IOException {
        try (ExampleShop shop = ExampleShop.proxyMode(dir)) {
            ExampleShop.Result preflight = shop.backstop("preflight", "v2");

            assertThat(preflight.exitCode()).as(preflight.output()).isEqualTo(ExitCode.FAILED);
            assertThat(preflight.output())
                    .containsPattern("(?m)^eager-load failed with exit code 1 after [0-9.]+s: "
                            + "Web\\$SyntaxError: \\S*coupon.model:6: syntax error");
        }
    }
}
