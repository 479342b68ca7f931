package dev.backstop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.cli.InProcessBackstop;
import dev.backstop.cli.InProcessBackstop.Outcome;
import dev.backstop.release.ReleaseCatalog;
import dev.backstop.release.ReleaseState;
import dev.backstop.store.Store;
import dev.backstop.timeline.Timeline;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failing hook fails the deploy, not the release: the release keeps its state and no --force is needed. */
class HookFailureTest {

    @TempDir
    Path dir;

    private ShopFixture shop;

    @BeforeEach
    void copyTheShop() {
        shop = ShopFixture.in(dir);
        shop.importAll();
    }

    @AfterEach
    void stopEverything() {
        shop.close();
    }

    @Test
    void aFailingBeforeSwitchHookBlocksTheDeployWithoutMarkingTheReleaseFailed() {
        Path failingHook = shop.configVariant(
                "failing-hook",
                text -> text.replace(
                        "command: \"echo switching to Shop $(cat VERSION)\"",
                        "command: \"echo 'slack: 503 Service Unavailable' >&2; exit 3\""));
        shop.startDaemon(failingHook);

        Outcome first = InProcessBackstop.run("deploy", "v1", "--config", failingHook.toString());
        Outcome second = InProcessBackstop.run("deploy", "v1", "--config", failingHook.toString());

        assertThat(first.exitCode()).as(first.all()).isEqualTo(1);
        assertThat(first.out())
                .contains(
                        "Failed: before_switch hook announce failed with exit code 3",
                        "'v1' stays imported: the deploy failed, not the release (deploy it again without --force)");
        assertThat(second.exitCode())
                .as("not refused as quarantined (2): it runs, and the hook fails it again\n" + second.all())
                .isEqualTo(1);
        assertThat(second.out()).contains("Failed: before_switch hook announce failed with exit code 3");
        try (Store store = shop.openStore()) {
            assertThat(new ReleaseCatalog(store.jdbi(), new Timeline(store.jdbi()))
                            .require("shop", "v1")
                            .state())
                    .isEqualTo(ReleaseState.IMPORTED);
        }
    }
}
