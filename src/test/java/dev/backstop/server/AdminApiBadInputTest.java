package dev.backstop.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.Json;
import dev.backstop.config.BackstopConfig;
import dev.backstop.deploy.ShopFixture;
import dev.backstop.store.Store;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bodies no CLI sends, posted to the real daemon's admin API: each is a 400 with a one-line error
 * naming the problem and the fields expected, and nothing is stored.
 */
class AdminApiBadInputTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;

    private static ShopFixture shop;
    private static BackstopConfig config;

    @BeforeAll
    static void startTheDaemon() {
        shop = ShopFixture.in(dir);
        shop.importAll();
        shop.startDaemon();
        config = shop.loadConfig();
    }

    @AfterAll
    static void stopEverything() {
        shop.close();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "/api/deploys     | {\"version\": \"v1\", | is not valid JSON at line 1, column",
                "/api/deploys     | {\"version\": \"v1\", \"forse\": true} | has an unknown field 'forse'",
                "/api/deploys     | {\"version\": \"v1\", \"force\": \"yes\"} | wrong type for 'force'",
                "/api/deploys     | {\"version\": \"v1\", \"force\": 1} | wrong type for 'force'",
                "/api/deploys     | {\"version\": {\"v\": 1}} | wrong type for 'version'",
                "/api/deploys     | [\"v1\"] | is not a JSON object",
                "/api/deploys     | null | is null",
                "/api/deploys     | {\"version\": \"v1\"} trailing | is not valid JSON",
                "/api/rollbacks   | {\"to\": \"v1\", \"markFailed\": \"true\"} | wrong type for 'markFailed'",
                "/api/maintenance | {\"on\": 1} | wrong type for 'on'",
                "/api/maintenance | `` | is empty",
            })
    void aMalformedBodyIsA400WithOneLineAndNothingIsStored(String path, String body, String problem) throws Exception {
        HttpResponse<String> response = post(path, body);

        JsonNode error = Json.mapper().readTree(response.body());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(error.path("exitCode").asInt()).isEqualTo(2);
        assertThat(error.path("error").asText())
                .startsWith("the body of POST " + path + " ")
                .contains(problem, "; send a JSON object with the fields ")
                .doesNotContain("\n");
        try (Store store = shop.openStore()) {
            assertThat(count(store, "deploys")).isZero();
            assertThat(count(store, "events WHERE kind LIKE 'maintenance%'")).isZero();
        }
    }

    private static int count(Store store, String table) {
        return store.jdbi()
                .withHandle(handle -> handle.createQuery("SELECT count(*) FROM " + table)
                        .mapTo(Integer.class)
                        .one());
    }

    private static HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(
                        "http://" + config.admin().host() + ":" + config.admin().port() + path))
                .header(
                        "Authorization",
                        "Bearer " + AdminToken.loadOrCreate(config.data()).value())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
