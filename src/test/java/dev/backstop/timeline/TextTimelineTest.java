package dev.backstop.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.store.Store;
import dev.backstop.store.TestStores;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextTimelineTest {

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
    void printsOneAlignedLinePerEventAndADateLineWhenTheLocalDayChanges() {
        List<Event> events = Incident.recordIn(timeline);

        String text = new TextTimeline(ZoneId.of("Europe/Berlin")).render(events);

        assertThat(text).isEqualTo("""
                -- 2026-11-25 Wed (Europe/Berlin) --
                23:40:00  alice     release.imported     v2  imported release 'v2'
                23:41:00  alice     deploy.staged        v2  deploy #7 of v2 staged
                23:41:05  backstop  deploy.preflight     v2  preflight eager-load passed
                23:42:00  backstop  deploy.starting      v2  starting web on port 4001
                23:43:00  backstop  deploy.switched      v2  traffic switched to v2
                23:43:05  backstop  deploy.verifying     v2  verifying for 1m
                23:45:00  backstop  deploy.rolling-back  v2  error ratio 0.31 > 0.05 | GET / -> 500
                                                             rolling back to v1
                23:45:20  backstop  release.failed       v2  v2 marked failed
                23:45:30  backstop  release.live         v1  v1 is live again
                23:46:00  backstop  deploy.rolled-back   v2  rolled back to v1
                -- 2026-11-26 Thu (Europe/Berlin) --
                00:10:00  bob       maintenance.on       -   maintenance on: hot fix
                00:20:00  bob       release.imported     v3  imported release 'v3'
                00:21:00  bob       deploy.staged        v3  deploy #8 of v3 staged
                00:22:00  backstop  deploy.switched      v3  traffic switched to v3
                00:25:30  backstop  deploy.succeeded     v3  v3 verified
                00:26:00  bob       maintenance.off      -   maintenance off
                """);
    }

    @Test
    void showsTheTimesOfTheGivenZone() {
        List<Event> events = Incident.recordIn(timeline);

        String text = new TextTimeline(ZoneOffset.UTC).render(events);

        assertThat(text).startsWith("-- 2026-11-25 Wed (UTC) --\n22:40:00  alice ");
        assertThat(text.lines().filter(line -> line.startsWith("--"))).hasSize(1);
    }

    @Test
    void columnsAreAsWideAsTheirWidestValueAndNoWider() {
        timeline.append(Event.ofApp("shop", "al", "lock.on", "frozen for the hot fix"));
        timeline.append(Event.ofApp("shop", "al", "lock.off", "unfrozen"));

        String text = new TextTimeline(ZoneOffset.UTC).render(timeline.list("shop", Optional.empty()));

        assertThat(text.lines().skip(1))
                .allSatisfy(line -> assertThat(line.substring(8))
                        .matches("  al  lock\\.o(n |ff)  -  (frozen for the hot fix|unfrozen)"));
    }

    @Test
    void saysSoWhenThereAreNoEvents() {
        assertThat(new TextTimeline(ZoneOffset.UTC).render(List.of())).isEqualTo("No events.\n");
    }
}
