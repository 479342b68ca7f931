package dev.backstop.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.config.StoreLocation;
import dev.backstop.timeline.Event;
import dev.backstop.timeline.Timeline;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

class StoreTest {

    private static final List<String> CORE_TABLES = List.of("apps", "releases", "deploys", "deploy_steps", "events");

    @OnEveryStore
    void openingMigratesToTheCoreTables(Store store) {
        for (String table : CORE_TABLES) {
            long rows = store.jdbi()
                    .withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM " + table)
                            .mapTo(Long.class)
                            .one());

            assertThat(rows).as(table).isZero();
        }
    }

    @OnEveryStore
    void reopeningAStoreKeepsItsDataAndAppliesNoMigrationTwice(Store store, StoreLocation location) {
        new Timeline(store.jdbi()).append(Event.ofApp("shop", "ops", "app.note", "before reopening"));

        try (Store reopened = Store.open(location)) {
            List<Event> events = new Timeline(reopened.jdbi()).list("shop", Optional.empty());
            long migrations = reopened.jdbi()
                    .withHandle(handle -> handle.createQuery(
                                    "SELECT COUNT(*) FROM flyway_schema_history WHERE version = '1'")
                            .mapTo(Long.class)
                            .one());

            assertThat(events).extracting(Event::message).containsExactly("before reopening");
            assertThat(migrations).isEqualTo(1);
        }
    }

    @OnEveryStore
    void twoStoresAtOneLocationBothWriteWithoutBusyErrors(Store daemon, StoreLocation location) throws Exception {
        int perWriter = 300;
        ExecutorService writers = Executors.newFixedThreadPool(2);
        try (Store cli = Store.open(location)) {
            CompletableFuture<?> first =
                    CompletableFuture.runAsync(() -> readThenAppend(daemon, "daemon", perWriter), writers);
            CompletableFuture<?> second =
                    CompletableFuture.runAsync(() -> readThenAppend(cli, "cli", perWriter), writers);

            CompletableFuture.allOf(first, second).get(120, TimeUnit.SECONDS);
        } finally {
            writers.shutdownNow();
        }

        List<Event> events = new Timeline(daemon.jdbi()).list("shop", Optional.empty());
        assertThat(events).hasSize(2 * perWriter);
        assertThat(events).filteredOn(event -> event.actor().equals("cli")).hasSize(perWriter);
    }

    /**
     * Each append first reads, then writes, in one transaction: the pattern of a state change. With
     * plain deferred SQLite transactions a concurrent commit makes the write fail at once with
     * SQLITE_BUSY, which busy_timeout does not retry.
     */
    private static void readThenAppend(Store store, String actor, int count) {
        Timeline timeline = new Timeline(store.jdbi());
        IntStream.range(0, count)
                .forEach(index -> store.jdbi().useTransaction(handle -> {
                    long before = handle.createQuery("SELECT COUNT(*) FROM events")
                            .mapTo(Long.class)
                            .one();
                    timeline.append(
                            handle,
                            new Event(
                                    0,
                                    "shop",
                                    Instant.now(),
                                    actor,
                                    "test.write",
                                    Optional.empty(),
                                    Optional.empty(),
                                    "write " + index,
                                    Map.of("seen", Long.toString(before))));
                }));
    }
}
