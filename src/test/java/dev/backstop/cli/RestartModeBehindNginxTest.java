package dev.backstop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.maintenance.RealNginx;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code switch: restart} end to end: the example shop run by a restart script that plays systemd,
 * the shipped nginx snippet in a real nginx in front of it, the real daemon and CLI. Every
 * assertion about what users get goes through nginx.
 */
class RestartModeBehindNginxTest {

    private static final Path SNIPPET = Path.of("deploy", "nginx", "backstop-maintenance.conf");
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    private ExampleShop shop;
    private RealNginx nginx;

    @BeforeEach
    void startShopBehindNginx() throws IOException {
        shop = ExampleShop.restartMode(dir);
        shop.startDaemon();
        Path nginxDir = Files.createDirectories(dir.resolve("nginx"));
        nginx = RealNginx.start(nginxDir, nginxServer(shop));
    }

    /** The shipped snippet with the shop's root, in front of the shop's fixed port. */
    static String nginxServer(ExampleShop shop) throws IOException {
        String snippet = Files.readString(SNIPPET).replace("<root>", shop.root().toString());
        return snippet + "\nlocation / { proxy_pass http://127.0.0.1:" + shop.webPort() + "; }\n";
    }

    @AfterEach
    void stopEverything() {
        try {
            if (nginx != null) {
                nginx.close();
            }
        } finally {
            shop.close();
        }
    }

    @Test
    void goodReleasesGoLiveAndBadOnesAreBlockedOrRolledBackWhileNginxKeepsServingAGoodOne() throws Exception {
        ExampleShop.Result v1 = shop.backstop("deploy", "v1");
        assertThat(v1.exitCode()).as(v1.output()).isZero();
        assertServes("Shop v1");
        Path v1Release = shop.current().orElseThrow();
        assertThat(Files.readString(v1Release.resolve("VERSION")).strip()).isEqualTo("v1");

        ExampleShop.Result v2 = shop.backstop("deploy", "v2");
        assertThat(v2.exitCode()).as(v2.output()).isEqualTo(1);
        assertThat(v2.output()).contains("preflight");
        assertThat(shop.current()).contains(v1Release);
        assertServes("Shop v1");

        ExampleShop.Result v3 = shop.backstop("deploy", "v3");
        assertThat(v3.exitCode()).as(v3.output()).isEqualTo(1);
        assertThat(v3.output()).containsIgnoringCase("rolled back");
        assertThat(v3.output()).contains("'v3' answers /up");
        assertThat(shop.current()).contains(v1Release);
        assertServes("Shop v1");

        ExampleShop.Result v4 = shop.backstop("deploy", "v4");
        assertThat(v4.exitCode()).as(v4.output()).isZero();
        assertServes("Shop v4");
        assertThat(Files.readString(shop.current().orElseThrow().resolve("VERSION"))
                        .strip())
                .isEqualTo("v4");

        ExampleShop.Result rollback = shop.backstop("rollback");
        assertThat(rollback.exitCode()).as(rollback.output()).isZero();
        assertThat(shop.current()).contains(v1Release);
        assertServes("Shop v1");
        assertThat(ExampleShop.processesIn(shop.root()))
                .as("one web process, as systemd would have")
                .hasSize(1);
    }

    @Test
    void maintenanceMakesNginxAnswer503WithRetryAfterAndTheAppsOwnPageUntilItIsTurnedOff() throws Exception {
        ExampleShop.Result v1 = shop.backstop("deploy", "v1");
        assertThat(v1.exitCode()).as(v1.output()).isZero();

        ExampleShop.Result on = shop.backstop("maintenance", "on", "--message", "Back at 10:30");
        assertThat(on.exitCode()).as(on.output()).isZero();
        HttpResponse<String> during = get("/");
        assertThat(during.statusCode()).isEqualTo(503);
        assertThat(during.headers().firstValue("Retry-After")).contains("120");
        assertThat(during.body()).as("the shop's own maintenance.page").contains("The shop is back in a moment");
        assertThat(get("/up").statusCode())
                .as("the health path still reaches the app")
                .isEqualTo(200);

        ExampleShop.Result off = shop.backstop("maintenance", "off");
        assertThat(off.exitCode()).as(off.output()).isZero();
        assertServes("Shop v1");
    }

    private void assertServes(String text) throws Exception {
        HttpResponse<String> response = get("/");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains(text);
    }

    private HttpResponse<String> get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + nginx.port() + path))
                .timeout(Duration.ofSeconds(10))
                .build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
