package dev.backstop.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backstop.cli.InProcessBackstop;
import dev.backstop.cli.InProcessBackstop.Outcome;
import dev.backstop.store.Store;
import dev.backstop.timeline.Actor;
import dev.backstop.timeline.Timeline;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the CLI refuses, and how it says so, with the real daemon (or none) behind it. */
class DeployRefusalsTest {

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
    void aSecondDeployWhileOneRunsIsRefusedNamingTheRunningDeploy() throws Exception {
        Path slow = shop.configVariant(
                "slow-preflight",
                text -> text.replace("command: \"bin/eager-load\"", "command: \"sleep 5 && bin/eager-load\""));
        shop.startDaemon(slow);
        CompletableFuture<Outcome> first =
                CompletableFuture.supplyAsync(() -> InProcessBackstop.run("deploy", "v1", "--config", slow.toString()));
        try (Store store = shop.openStore()) {
            DeployLedger ledger = new DeployLedger(store.jdbi(), new Timeline(store.jdbi()), Clock.systemUTC());
            await().atMost(ShopFixture.PATIENCE)
                    .until(() -> ledger.running("shop")
                            .filter(d -> d.state() == DeployState.PREFLIGHT)
                            .isPresent());
        }

        Outcome second = shop.backstop("deploy", "v4");

        assertThat(second.exitCode()).as(second.all()).isEqualTo(1);
        assertThat(second.err())
                .contains("deploy #1 of 'v1' by " + Actor.current() + " is preflight since", "wait for it to finish");
        Outcome firstOutcome = first.get(ShopFixture.PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(firstOutcome.exitCode()).as(firstOutcome.all()).isZero();
        shop.assertServes("v1");
    }

    @Test
    void withNoDaemonEverStartedDeploySaysHowToStartOne() {
        Outcome deploy = shop.backstop("deploy", "v1");

        assertThat(deploy.exitCode()).as(deploy.all()).isEqualTo(1);
        assertThat(deploy.err())
                .contains(
                        "no Backstop daemon has run for app 'shop' yet",
                        "start it with 'backstop server --config " + shop.config() + "'");
    }

    @Test
    void withTheDaemonStoppedDeploySaysNoneAnswersAndHowToStartIt() {
        shop.startDaemon();
        shop.stopDaemon();

        Outcome deploy = shop.backstop("deploy", "v1");

        assertThat(deploy.exitCode()).as(deploy.all()).isEqualTo(1);
        assertThat(deploy.err())
                .contains(
                        "no Backstop daemon answers at",
                        "start it with 'backstop server --config " + shop.config() + "'");
    }
}
