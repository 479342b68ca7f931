package dev.backstop.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.timeline.Event;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon runs the doctor's rollback checks on a schedule (hourly; every second here): losing
 * the way back alerts, regaining it is a timeline event that resolves the alert.
 */
class RollbackReadinessTest {

    private VerdictHost host;
    private WebhookReceiver receiver;

    @AfterEach
    void stopEverything() {
        if (host != null) {
            host.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void aRollbackTargetChangedOnDiskAlertsAndRepairingItResolvesTheAlert(@TempDir Path dir) throws Exception {
        receiver = new WebhookReceiver();
        host = new VerdictHost(dir, "  window: 1s\n  interval: 200ms", "alerts:\n  - webhook: " + receiver.url() + "\n")
                .withLiveWatch(Duration.ofSeconds(1))
                .start();
        Bundles bundles = new Bundles(dir.resolve("bundles"));
        VerdictHost.Outcome first = host.deploy(bundles.shop("v1", "first"), "first");
        assertThat(first.exitCode()).as(first.output()).isZero();
        VerdictHost.Outcome second = host.deploy(bundles.shop("v1", "second"), "second");
        assertThat(second.exitCode()).as(second.output()).isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> kinds().contains("rollback.ready"));
        assertThat(receiver.first("rollback-unready"))
                .as("the first release never had a way back: nothing was lost")
                .isNull();

        Path version =
                dir.resolve("root/releases").resolve(first.deploy().releaseId()).resolve("VERSION");
        String original = Files.readString(version);
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(version);
        Files.setPosixFilePermissions(version, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        Files.writeString(version, "edited by hand\n");

        JsonNode alert = await().atMost(Duration.ofSeconds(30))
                .until(() -> receiver.first("rollback-unready"), found -> found != null);
        assertThat(alert.path("verdict").asText())
                .startsWith("a rollback is no longer possible: rollback-target: rollback target 'first'")
                .contains("differs from its manifest");
        assertThat(alert.path("release").asText()).isEqualTo("second");

        Files.writeString(version, original);
        Files.setPosixFilePermissions(version, permissions);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> kinds().stream().filter("rollback.ready"::equals).count() == 2);
        assertThat(kinds()).containsSubsequence("rollback.ready", "rollback.unready", "rollback.ready");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> receiver.received().stream()
                        .anyMatch(received -> received.path("event").asText().equals("rollback-unready")
                                && received.path("message").asText().equals("resolved")));
        assertThat(receiver.received())
                .filteredOn(received -> received.path("event").asText().equals("rollback-unready"))
                .extracting(received -> received.path("message").asText())
                .as("one alert while the way back was lost, not one per check, then told it is over")
                .containsExactly("opened", "resolved");
    }

    private List<String> kinds() {
        return host.timeline().stream()
                .map(Event::kind)
                .filter(kind -> kind.startsWith("rollback."))
                .toList();
    }
}
