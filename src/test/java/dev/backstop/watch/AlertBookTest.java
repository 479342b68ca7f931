package dev.backstop.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.backstop.store.OnEveryStore;
import dev.backstop.store.Store;
import dev.backstop.timeline.Event;
import dev.backstop.timeline.Timeline;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The alert store (migration V4) on SQLite and PostgreSQL: repeats, reminders, resolution and delivery state. */
class AlertBookTest {

    private static final Instant OPENED = Instant.parse("2026-11-28T02:00:00Z");
    private static final List<String> CHANNELS = List.of("webhook http://h/x", "email ops@example.org");
    private static final Alert QUEUE = new Alert(
            "shop", "queue-backlog", "delayed_job", "2.0", Optional.empty(), "4120 jobs waiting > 1000", 0, "http://a");

    @OnEveryStore
    void anOpenAlertIsStoredOnceRemindedPerChannelAndResolvedWithItsDeliveries(Store store) {
        Timeline timeline = new Timeline(store.jdbi());
        AlertBook book = new AlertBook(store.jdbi(), timeline, "shop");

        assertThat(book.accept(QUEUE, CHANNELS, OPENED)).isTrue();
        assertThat(book.accept(QUEUE, CHANNELS, OPENED.plusSeconds(60))).isFalse();
        AlertBook.Pending first = book.oldestPending("webhook http://h/x").orElseThrow();
        book.delivered(first, "http://h/x", OPENED.plusSeconds(1));
        AlertBook.Pending mail = book.oldestPending("email ops@example.org").orElseThrow();
        book.failed(mail, "e-mail", "535 authentication failed", OPENED.plusSeconds(3), OPENED.plusSeconds(1));
        assertThat(book.remind("webhook http://h/x", Duration.ofHours(4), OPENED.plus(Duration.ofHours(3))))
                .isZero();
        assertThat(book.remind("webhook http://h/x", Duration.ofHours(4), OPENED.plus(Duration.ofHours(4))))
                .isOne();
        assertThat(book.resolve(QUEUE, CHANNELS, OPENED.plus(Duration.ofHours(5))))
                .isTrue();
        assertThat(book.resolve(QUEUE, CHANNELS, OPENED.plus(Duration.ofHours(6))))
                .isFalse();

        AlertRecord record = book.list(false, 10).get(0);
        assertThat(record.state()).isEqualTo("resolved");
        assertThat(record.count()).isEqualTo(2);
        assertThat(record.lastSeenAt()).isEqualTo(OPENED.plusSeconds(60));
        assertThat(record.resolution()).contains("4120 jobs waiting > 1000");
        assertThat(record.deliveries())
                .extracting(
                        AlertRecord.Delivery::channel,
                        AlertRecord.Delivery::message,
                        AlertRecord.Delivery::state,
                        AlertRecord.Delivery::attempts)
                .containsExactly(
                        tuple("webhook http://h/x", "opened", "delivered", 1L),
                        tuple("email ops@example.org", "opened", "pending", 1L),
                        tuple("webhook http://h/x", "reminder", "skipped", 0L),
                        tuple("webhook http://h/x", "resolved", "pending", 0L),
                        tuple("email ops@example.org", "resolved", "pending", 0L));
        assertThat(record.deliveries().get(1).lastError()).contains("535 authentication failed");
        assertThat(book.list(true, 10)).isEmpty();
        assertThat(timeline.list("shop", Optional.empty()))
                .extracting(Event::kind)
                .containsExactly(
                        "alert.opened", "alert.delivered", "alert.delivery-failed", "alert.reminded", "alert.resolved");
    }

    @OnEveryStore
    void aNoticeRepeatedIsCountedAndNeverOpen(Store store) {
        AlertBook book = new AlertBook(store.jdbi(), new Timeline(store.jdbi()), "shop");
        Alert rollback =
                new Alert("shop", Alert.ROLLBACK, "deploy-3", "2.0", Optional.of("1.9"), "→ rollback", 3, "http://a");

        book.accept(rollback, CHANNELS, OPENED);
        book.accept(rollback, CHANNELS, OPENED.plusSeconds(5));

        assertThat(book.list(true, 10)).isEmpty();
        assertThat(book.list(false, 10))
                .extracting(AlertRecord::key, AlertRecord::state, AlertRecord::count)
                .containsExactly(tuple("shop/rollback/deploy-3", "notice", 2L));
        assertThat(book.remind("webhook http://h/x", Duration.ofMinutes(1), OPENED.plus(Duration.ofDays(1))))
                .isZero();
    }
}
