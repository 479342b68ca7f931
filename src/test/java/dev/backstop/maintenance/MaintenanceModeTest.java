package dev.backstop.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaintenanceModeTest {

    private static final Instant TEN = Instant.parse("2026-11-25T10:00:00Z");

    @TempDir
    Path root;

    @Test
    void statusIsEmptyWhileMaintenanceWasNeverTurnedOn() {
        assertThat(at(TEN).status()).isEmpty();
    }

    @Test
    void onWritesTheFlagAndThePageAndStatusReadsThemBack() throws IOException {
        MaintenanceStatus status = at(TEN).on("Back at 10:30", "alice");

        assertThat(status).isEqualTo(new MaintenanceStatus(TEN, "Back at 10:30", "alice"));
        assertThat(at(TEN.plusSeconds(60)).status()).contains(status);
        assertThat(Files.readString(root.resolve("maintenance/maintenance.html")))
                .contains("<p>Back at 10:30</p>");
        assertThat(root.resolve("maintenance/on")).exists();
    }

    @Test
    void theBuiltInPageEscapesTheMessage() throws IOException {
        at(TEN).on("<script>alert('x')</script> & \"friends\"", "alice");

        assertThat(Files.readString(root.resolve("maintenance/maintenance.html")))
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;friends&quot;")
                .doesNotContain("<script>");
    }

    @Test
    void theAppsOwnPageIsCopiedAsItIs() throws IOException {
        Path page = Files.writeString(root.resolve("closed.html"), "<h1>Closed for inventory</h1>");

        at(TEN).on("Back at 10:30", "alice", Optional.of(page));

        assertThat(root.resolve("maintenance/maintenance.html")).hasContent("<h1>Closed for inventory</h1>");
    }

    @Test
    void aMissingAppPageFallsBackToTheBuiltInPageInsteadOfFailing() throws IOException {
        at(TEN).on("Back at 10:30", "alice", Optional.of(root.resolve("releases/r1/public/missing.html")));

        assertThat(Files.readString(root.resolve("maintenance/maintenance.html")))
                .contains("Back at 10:30");
        assertThat(at(TEN).status()).isPresent();
    }

    @Test
    void turningOnAgainUpdatesTheMessageButKeepsSince() {
        at(TEN).on("Back at 10:30", "alice");

        MaintenanceStatus updated = at(TEN.plusSeconds(600)).on("Back at 11:00", "bob");

        assertThat(updated).isEqualTo(new MaintenanceStatus(TEN, "Back at 11:00", "bob"));
    }

    @Test
    void offRemovesTheFlagAndReturnsTheStatusThatEnded() {
        at(TEN).on("Back at 10:30", "alice");

        Optional<MaintenanceStatus> ended = at(TEN.plusSeconds(60)).off("bob");

        assertThat(ended).contains(new MaintenanceStatus(TEN, "Back at 10:30", "alice"));
        assertThat(root.resolve("maintenance/on")).doesNotExist();
        assertThat(at(TEN).status()).isEmpty();
        assertThat(at(TEN).off("bob")).isEmpty();
    }

    @Test
    void aFlagTouchedByHandCountsAsOnSinceItsModificationTime() throws IOException {
        Path flag = Files.createFile(
                Files.createDirectories(root.resolve("maintenance")).resolve("on"));
        Files.setLastModifiedTime(flag, FileTime.from(TEN));

        assertThat(at(TEN.plusSeconds(5)).status()).contains(new MaintenanceStatus(TEN, "", "unknown"));
    }

    @Test
    void maintenanceIsForgottenOnlyOnceItOutlastsWarnAfter() {
        MaintenanceMode maintenance = at(TEN);
        maintenance.on("Back at 10:30", "alice");
        Duration warnAfter = Duration.ofHours(1);

        assertThat(maintenance.isForgotten(warnAfter, clock(TEN.plus(warnAfter))))
                .isFalse();
        assertThat(maintenance.isForgotten(warnAfter, clock(TEN.plus(warnAfter).plusSeconds(1))))
                .isTrue();
        maintenance.off("alice");
        assertThat(maintenance.isForgotten(warnAfter, clock(TEN.plus(Duration.ofDays(1)))))
                .isFalse();
    }

    @Test
    void theWebServersUserCanReadTheFilesAndNoTemporaryFileIsLeft() throws IOException {
        at(TEN).on("Back at 10:30", "alice");
        Path directory = root.resolve("maintenance");

        assertThat(permissions(directory)).isEqualTo("rwxr-xr-x");
        assertThat(permissions(directory.resolve("on"))).isEqualTo("rw-r--r--");
        assertThat(permissions(directory.resolve("maintenance.html"))).isEqualTo("rw-r--r--");
        try (var entries = Files.list(directory)) {
            assertThat(entries.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrder("on", "maintenance.html");
        }
    }

    private MaintenanceMode at(Instant now) {
        return new MaintenanceMode(root, clock(now));
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static Clock clock(Instant now) {
        return Clock.fixed(now, ZoneOffset.UTC);
    }
}
