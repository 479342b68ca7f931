package dev.backstop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Backstop says in {@code switch: restart} fits that mode: nothing starts "beside the live
 * release", the verdict says once that it judges by probes instead of "too little traffic" every
 * sample, {@code status} shows no {@code listen} address, and {@code logs} says where the app's
 * output is. The example shop run by its restart script, the real daemon and CLI.
 */
class RestartModeMessagesTest {

    @TempDir
    Path dir;

    private ExampleShop shop;

    @BeforeEach
    void startShop() throws IOException {
        shop = ExampleShop.restartMode(dir);
        shop.startDaemon();
    }

    @AfterEach
    void stopEverything() {
        shop.close();
    }

    @Test
    void aRestartModeDeployStatusAndLogsSpeakOfRestartModeNotOfTheProxy() {
        ExampleShop.Result deploy = shop.backstop("deploy", "v1");
        ExampleShop.Result status = shop.backstop("status");
        ExampleShop.Result logs = shop.backstop("logs", "--service", "web");

        assertThat(deploy.exitCode()).as(deploy.output()).isZero();
        assertThat(deploy.output())
                .doesNotContain("beside the live release", "too little traffic")
                .contains("'v1' starts with the restart command at the switch");
        assertThat(deploy.output().split("judges by probes only", -1))
                .as("said once: %s", deploy.output())
                .hasSize(2);
        assertThat(status.exitCode()).as(status.output()).isZero();
        assertThat(status.output()).contains("(restart mode)").doesNotContain("listen");
        assertThat(logs.exitCode()).as(logs.output()).isZero();
        assertThat(logs.output())
                .contains("In restart mode Backstop does not run the app's processes")
                .contains(ExampleShop.restartScript(dir).toString())
                .contains("restart.log");
    }
}
