package dev.backstop.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backstop.FreePorts;
import dev.backstop.config.Endpoint;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a visitor's browser shows through Backstop's proxy: the example shop's v1, started with its
 * own {@code bin/web}, and the maintenance page with the operator's message while maintenance is on.
 */
class ProxyBrowserTest {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    Path dir;

    private Process shop;
    private ProxyServer proxy;
    private HeadlessChromium browser;
    private URI home;

    @BeforeEach
    void startShopBehindTheProxy() throws Exception {
        browser = HeadlessChromium.require(Files.createDirectories(dir.resolve("browser")));
        int shopPort = freePort();
        Path release = Path.of("examples", "shop", "v1").toAbsolutePath();
        ProcessBuilder web = new ProcessBuilder(release.resolve("bin/web").toString())
                .directory(release.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("shop.log").toFile());
        web.environment().put("APP_ENV", "production");
        web.environment().put("PORT", Integer.toString(shopPort));
        shop = web.start();
        proxy = ProxyServer.start(ProxyOptions.of(new Endpoint("127.0.0.1", 0), dir.resolve("proxy")));
        proxy.router().activate(Route.of("v1", new Upstream("127.0.0.1", shopPort)));
        home = URI.create("http://127.0.0.1:" + proxy.port() + "/");
        TestClient client = new TestClient(proxy.port());
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .failFast("the shop exited at boot; see shop.log", () -> !shop.isAlive())
                .until(() -> client.get("/up").statusCode() == 200);
    }

    @AfterEach
    void stopShopAndProxy() throws InterruptedException {
        if (proxy != null) {
            proxy.close();
        }
        if (shop != null) {
            shop.destroy();
            if (!shop.waitFor(10, TimeUnit.SECONDS)) {
                shop.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void theBrowserShowsTheShopThroughTheProxy() throws Exception {
        Path screenshot = dir.resolve("shop.png");

        String dom = browser.dom(home);
        browser.screenshot(home, screenshot);

        assertThat(dom)
                .contains("<title>Shop v1</title>")
                .contains("<h1>Shop v1</h1>")
                .contains("<td>");
        assertIsPng(screenshot);
        copyForInspection(screenshot);
    }

    @Test
    void withMaintenanceOnTheBrowserShowsTheMaintenancePageWithTheMessageUntilItIsOff() throws Exception {
        ProxyControlClient control = ProxyControlClient.connect(dir.resolve("proxy"));
        Path screenshot = dir.resolve("maintenance.png");

        control.maintenance(true, "Back at 10:30");
        String during = browser.dom(home);
        browser.screenshot(home, screenshot);
        control.maintenance(false, "");
        String after = browser.dom(home);

        assertThat(during)
                .contains("Down for maintenance")
                .contains("Back at 10:30")
                .doesNotContain("Shop v1");
        assertIsPng(screenshot);
        assertThat(after).contains("<h1>Shop v1</h1>");
        copyForInspection(screenshot);
    }

    private static void assertIsPng(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes.length).as("size of %s", file).isGreaterThan(1000);
        assertThat(java.util.Arrays.copyOf(bytes, PNG_SIGNATURE.length)).isEqualTo(PNG_SIGNATURE);
    }

    /* Keeps the screenshots in target/ so that a person can look at it after the run. */
    private static void copyForInspection(Path screenshot) throws IOException {
        Path kept = Path.of("target", "browser", screenshot.getFileName().toString());
        Files.createDirectories(kept.getParent());
        Files.copy(screenshot, kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static int freePort() throws IOException {
        return FreePorts.next();
    }
}
