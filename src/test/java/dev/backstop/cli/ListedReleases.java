package dev.backstop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.Json;
import dev.backstop.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Path;

/** An app's releases as {@code backstop release list --json} shows them, looked up by version. */
final class ListedReleases {

    private ListedReleases() {}

    /** The release's folder under the app's {@code releases/}. */
    static Path directory(Path file, String version) throws IOException {
        return new ConfigLoader()
                .load(file)
                .releasesDir()
                .resolve(release(file, version).path("id").asText());
    }

    /** Its state: imported, live, known-good, failed, corrupt. */
    static String state(Path file, String version) throws IOException {
        return release(file, version).path("state").asText();
    }

    private static JsonNode release(Path file, String version) throws IOException {
        Cli list = Cli.withConfig(file, "release", "list", "--json");
        for (JsonNode listing : Json.mapper().readTree(list.out())) {
            JsonNode release = listing.path("release");
            if (release.path("version").asText().equals(version)) {
                return release;
            }
        }
        throw new AssertionError("no release " + version + " in " + list);
    }
}
