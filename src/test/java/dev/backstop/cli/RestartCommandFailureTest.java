package dev.backstop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restart mode with a restart command that fails once (a service manager having a bad moment): the
 * deploy fails and rolls back, but the release is not blamed for the host's command, so it can be
 * deployed again without {@code --force}.
 */
class RestartCommandFailureTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private ExampleShop shop;

    @BeforeEach
    void startTheShopInRestartModeWithV1Live() throws IOException {
        shop = ExampleShop.restartMode(dir);
        shop.startDaemon();
        ExampleShop.Result v1 = shop.backstop("deploy", "v1");
        assertThat(v1.exitCode()).as(v1.output()).isZero();
    }

    @AfterEach
    void stopEverything() {
        shop.close();
    }

    @Test
    void aFailingRestartCommandFailsTheDeployNotTheRelease() throws Exception {
        failNextRestartWithExitCode7();

        ExampleShop.Result failed = shop.backstop("deploy", "v4");
        ExampleShop.Result listed = shop.backstop("release", "list");
        ExampleShop.Result again = shop.backstop("deploy", "v4");

        assertThat(failed.exitCode()).as(failed.output()).isEqualTo(1);
        assertThat(failed.output())
                .contains(
                        "Rolled back: the restart command failed with exit code 7",
                        "'v4' stays imported: the deploy failed, not the release (deploy it again without --force)",
                        "'v1' serves again");
        assertThat(listed.output()).containsPattern("(?m)^v4 +\\S+ +imported ");
        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(page()).contains("Shop v4");
    }

    /** The restart script exits 7 once, before touching anything, then works again. */
    private void failNextRestartWithExitCode7() throws IOException {
        Path script = ExampleShop.restartScript(dir);
        Path marker = dir.resolve("fail-next-restart");
        Files.writeString(marker, "");
        String text = Files.readString(script, StandardCharsets.UTF_8);
        Files.writeString(
                script,
                text.replaceFirst(
                        "\n",
                        "\nif [ -f '" + marker + "' ]; then rm '" + marker
                                + "'; echo 'Job for shop-web.service failed' >&2; exit 7; fi\n"),
                StandardCharsets.UTF_8);
    }

    private String page() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + shop.webPort() + "/"))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }
}
