package dev.backstop.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.store.Store;
import dev.backstop.store.TestStores;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownPostMortemTest {

    private final MarkdownPostMortem postMortem = new MarkdownPostMortem(Incident.MORNING_AFTER);
    private Store store;
    private Timeline timeline;

    @BeforeEach
    void openStore(@TempDir Path directory) {
        store = TestStores.sqlite(directory);
        timeline = new Timeline(store.jdbi());
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void titleNamesTheAppAndThePeriodInTheClocksZone() {
        String draft = postMortem.render("shop", Incident.recordIn(timeline));

        assertThat(draft).startsWith("""
                # Post-mortem draft: shop, 2026-11-25 23:40:00 to 2026-11-26 00:26:00 (Europe/Berlin)

                _Drafted by Backstop at 2026-11-26 09:00:00 from 16 timeline events;""");
    }

    @Test
    void summaryCountsDeploysRollbacksFailuresAndTheTimeToRecover() {
        String draft = postMortem.render("shop", Incident.recordIn(timeline));

        assertThat(draft).contains("""
                - First event: 2026-11-25 23:40:00, alice, `release.imported` (v2): imported release 'v2'
                - Last event: 2026-11-26 00:26:00, bob, `maintenance.off`: maintenance off
                - Deploys: 2; automatic rollbacks: 1; operator rollbacks: 0; failed deploys: 0
                - Time to recover: 2m30s, from `deploy.switched` (v2) at 23:43:00 to `release.live` (v1) at 23:45:30 (rollback decided at 23:45:00)
                - Maintenance: 2026-11-26 00:10:00 to 00:26:00 (16m)
                """);
    }

    @Test
    void timelineTableHasARowPerEventWithElapsedTimeAndEscapedCells() {
        String draft = postMortem.render("shop", Incident.recordIn(timeline));

        assertThat(draft).contains("""
                | time | elapsed | who | what | release | details |
                | --- | --- | --- | --- | --- | --- |
                | 2026-11-25 23:40:00 | +0s | alice | release.imported | v2 | imported release 'v2'<br>files=812, \
                source=shop-v2.tar.gz |
                """);
        assertThat(draft)
                .contains("| 23:45:00 | +5m | backstop | deploy.rolling-back | v2 | "
                        + "error ratio 0.31 > 0.05 \\| GET / -> 500<br>rolling back to v1 |\n");
        assertThat(draft)
                .contains("| 2026-11-26 00:10:00 | +30m | bob | maintenance.on |  | maintenance on: hot fix |\n");
        assertThat(draft.lines().filter(line -> line.matches("\\| (2026-11-2\\d )?\\d\\d:\\d\\d:\\d\\d \\| \\+.*")))
                .hasSize(16);
    }

    @Test
    void durationsShowTheRolledBackAndTheSucceededDeploy() {
        String draft = postMortem.render("shop", Incident.recordIn(timeline));

        assertThat(draft).contains("""
                ## Durations

                | deploy | release | started | ended | duration | outcome |
                | --- | --- | --- | --- | --- | --- |
                | #7 | v2 | 23:41:00 | 23:46:00 | 5m | rolled back |
                | #8 | v3 | 2026-11-26 00:21:00 | 00:25:30 | 4m30s | succeeded |
                """);
    }

    @Test
    void whoDidWhatCountsEachActorsEventsAndKinds() {
        String draft = postMortem.render("shop", Incident.recordIn(timeline));

        assertThat(draft).contains("| alice | 2 | release.imported, deploy.staged |\n");
        assertThat(draft).contains("| backstop | 10 | deploy.preflight, deploy.starting, deploy.switched ×2, ");
        assertThat(draft).contains("| bob | 4 | maintenance.on, release.imported, deploy.staged, maintenance.off |\n");
    }

    @Test
    void anUnfinishedDeployAndAnOpenOutageAreSaidToBeUnfinished() {
        deploy("10:00:00", "staged", 9);
        deploy("10:01:00", "switched", 9);
        deploy("10:02:00", "rolling-back", 9);
        timeline.append(new Event(
                0,
                "shop",
                Incident.at("10:03:00"),
                "bob",
                "maintenance.on",
                Optional.empty(),
                Optional.empty(),
                "maintenance on",
                Map.of()));
        timeline.append(new Event(
                0,
                "shop",
                Incident.at("10:07:30"),
                "backstop",
                "service.crash-loop",
                Optional.of("v4"),
                Optional.empty(),
                "web crashed 5 times in 1m",
                Map.of("service", "web")));

        String draft = postMortem.render("shop", timeline.list("shop", Optional.empty()));

        assertThat(draft).contains("- Deploys: 1; automatic rollbacks: 1; operator rollbacks: 0; failed deploys: 0\n");
        assertThat(draft)
                .contains("- Time to recover: not recovered by the last event, 6m30s after "
                        + "`deploy.switched` (v4) at 11:01:00 (rollback decided at 11:02:00)\n");
        assertThat(draft).contains("- Maintenance: 11:03:00, still on at the last event (4m30s later)\n");
        assertThat(draft).contains("| #9 | v4 | 11:00:00 |  |  | unfinished (last: rolling back) |\n");
    }

    @Test
    void aDeployBlockedBeforeTheSwitchCountsAsFailedButIsNoOutage() {
        deploy("10:00:00", "staged", 3);
        deploy("10:00:40", "failed", 3);
        timeline.append(new Event(
                0,
                "shop",
                Incident.at("10:02:00"),
                "backstop",
                "release.live",
                Optional.of("v3"),
                Optional.empty(),
                "v3 is live",
                Map.of()));

        String draft = postMortem.render("shop", timeline.list("shop", Optional.empty()));

        assertThat(draft).contains("- Deploys: 1; automatic rollbacks: 0; operator rollbacks: 0; failed deploys: 1\n");
        assertThat(draft).contains("- Time to recover: no failure signal (deploy.rolling-back) in this period\n");
        assertThat(draft).contains("| #3 | v4 | 11:00:00 | 11:00:40 | 40s | failed |\n");
    }

    @Test
    void withoutFailuresOrMaintenanceTheSummarySaysThereWereNone() {
        deploy("10:00:00", "staged", 1);
        deploy("10:03:00", "succeeded", 1);

        String draft = postMortem.render("shop", timeline.list("shop", Optional.empty()));

        assertThat(draft)
                .contains(
                        "- Time to recover: no failure signal (deploy.rolling-back) in this period\n- Maintenance: none\n");
    }

    @Test
    void theSectionsOnlyPeopleCanWriteAreHeadedWithAOneLinePrompt() {
        String draft = postMortem.render("shop", Incident.recordIn(timeline));

        for (String heading : List.of("## Impact", "## Root cause", "## What went well", "## What to change")) {
            assertThat(draft).containsPattern("\n" + heading + "\n\n_[^\n]+_\n");
        }
        assertThat(draft).endsWith("_One line per action, each with an owner and a date._\n");
    }

    @Test
    void anEmptyTimelineStillGivesTheHeadedDraft() {
        String draft = postMortem.render("shop", List.of());

        assertThat(draft).startsWith("# Post-mortem draft: shop, no events (Europe/Berlin)\n");
        assertThat(draft)
                .contains("from 0 timeline events")
                .contains("## Impact")
                .doesNotContain("## Timeline");
    }

    @Test
    void tableCellsEscapePipesLineBreaksAndHtml() {
        assertThat(MarkdownTable.cell(" a|b\r\nc\nd<script> C:\\tmp "))
                .isEqualTo("a\\|b<br>c<br>d&lt;script> C:\\\\tmp");
    }

    private void deploy(String utcTime, String state, long deploy) {
        timeline.append(new Event(
                0,
                "shop",
                Incident.at(utcTime),
                "backstop",
                "deploy." + state,
                Optional.of("v4"),
                Optional.of(deploy),
                "deploy " + state,
                Map.of()));
    }
}
