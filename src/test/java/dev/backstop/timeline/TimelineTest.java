package dev.backstop.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.store.OnEveryStore;
import dev.backstop.store.Store;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

class TimelineTest {

    private static final Instant NOON = Instant.parse("2026-11-25T12:00:00Z");

    @OnEveryStore
    void appendReturnsTheEventWithAnIdAsItReadsBack(Store store) {
        Timeline timeline = new Timeline(store.jdbi());
        Event event = new Event(
                0,
                "shop",
                Instant.parse("2026-11-25T12:00:00.123456789Z"),
                "alice",
                "deploy.switched",
                Optional.of("v2"),
                Optional.of(7L),
                "switched to v2",
                Map.of("port", "4001"));

        Event appended = timeline.append(event);

        assertThat(appended.id()).isPositive();
        assertThat(appended.at()).isEqualTo(Instant.parse("2026-11-25T12:00:00.123Z"));
        assertThat(timeline.list("shop", Optional.empty())).containsExactly(appended);
    }

    @OnEveryStore
    void eachAppendGetsANewId(Store store) {
        Timeline timeline = new Timeline(store.jdbi());

        long first = timeline.append(at(NOON, "first")).id();
        long second = timeline.append(at(NOON, "second")).id();

        assertThat(second).isGreaterThan(first);
    }

    @OnEveryStore
    void listOrdersByTimeThenByAppendOrder(Store store) {
        Timeline timeline = new Timeline(store.jdbi());
        timeline.append(at(NOON.plusSeconds(60), "later"));
        timeline.append(at(NOON, "noon, appended first"));
        timeline.append(at(NOON, "noon, appended second"));

        List<Event> events = timeline.list("shop", Optional.empty());

        assertThat(events)
                .extracting(Event::message)
                .containsExactly("noon, appended first", "noon, appended second", "later");
    }

    @OnEveryStore
    void listSinceKeepsEventsAtThatInstantAndLeavesOutOlderOnes(Store store) {
        Timeline timeline = new Timeline(store.jdbi());
        timeline.append(at(NOON.minusMillis(1), "just before"));
        timeline.append(at(NOON, "exactly then"));
        timeline.append(at(NOON.plusSeconds(1), "after"));

        List<Event> events = timeline.list("shop", Optional.of(NOON));

        assertThat(events).extracting(Event::message).containsExactly("exactly then", "after");
    }

    @OnEveryStore
    void listShowsOnlyTheGivenAppsEvents(Store store) {
        Timeline timeline = new Timeline(store.jdbi());
        timeline.append(at(NOON, "shop event"));
        timeline.append(Event.ofApp("blog", "alice", "maintenance.on", "blog event"));

        assertThat(timeline.list("shop", Optional.empty()))
                .extracting(Event::message)
                .containsExactly("shop event");
        assertThat(timeline.list("blog", Optional.empty()))
                .extracting(Event::message)
                .containsExactly("blog event");
    }

    @OnEveryStore
    void forReleaseListsOnlyThatReleasesEventsOfThatApp(Store store) {
        Timeline timeline = new Timeline(store.jdbi());
        timeline.append(Event.ofRelease("shop", "alice", "release.imported", "v1", "v1 imported", Map.of()));
        timeline.append(Event.ofRelease("shop", "alice", "release.imported", "v2", "v2 imported", Map.of()));
        timeline.append(Event.ofRelease("blog", "alice", "release.imported", "v1", "blog v1 imported", Map.of()));
        timeline.append(Event.ofApp("shop", "alice", "maintenance.on", "not about a release"));
        timeline.append(Event.ofRelease("shop", "backstop", "release.known-good", "v1", "v1 verified", Map.of()));

        List<Event> events = timeline.forRelease("shop", "v1");

        assertThat(events).extracting(Event::message).containsExactly("v1 imported", "v1 verified");
    }

    @OnEveryStore
    void detailsWithQuotesAndUnicodeSurviveTheRoundTrip(Store store) {
        Timeline timeline = new Timeline(store.jdbi());
        Map<String, String> details =
                Map.of("command", "bin/rails runner 'puts \"ü\"'", "empty", "", "line\nbreak", "✓");

        timeline.append(new Event(
                0,
                "shop",
                NOON,
                "alice",
                "preflight.failed",
                Optional.empty(),
                Optional.empty(),
                "preflight failed",
                details));

        assertThat(timeline.list("shop", Optional.empty()))
                .singleElement()
                .satisfies(event -> assertThat(event.details()).isEqualTo(details));
    }

    @OnEveryStore
    void anEventAboutTheWholeAppReadsBackWithoutReleaseOrDeploy(Store store) {
        Timeline timeline = new Timeline(store.jdbi());

        timeline.append(Event.ofApp("shop", "alice", "maintenance.on", "maintenance on"));

        assertThat(timeline.list("shop", Optional.empty())).singleElement().satisfies(event -> {
            assertThat(event.release()).isEmpty();
            assertThat(event.deploy()).isEmpty();
            assertThat(event.details()).isEmpty();
        });
    }

    @OnEveryStore
    void anEventAppendedInATransactionThatRollsBackIsNotStored(Store store) {
        Timeline timeline = new Timeline(store.jdbi());

        try {
            store.jdbi().useTransaction(handle -> {
                timeline.append(handle, at(NOON, "rolled back"));
                throw new IllegalStateException("the change this event describes failed");
            });
        } catch (IllegalStateException expected) {
            // the transaction's failure is the point of this test
        }

        assertThat(timeline.list("shop", Optional.empty())).isEmpty();
    }

    private static Event at(Instant at, String message) {
        return new Event(0, "shop", at, "alice", "test.note", Optional.empty(), Optional.empty(), message, Map.of());
    }
}
