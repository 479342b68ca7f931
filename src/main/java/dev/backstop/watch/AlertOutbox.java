package dev.backstop.watch;

import dev.backstop.config.AlertTarget;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the daemon's alerts go: each one is written to the store ({@link AlertBook}) before
 * {@link #send} returns, then told to every {@code alerts:} channel by that channel's own courier
 * thread, so one slow or dead channel never holds up the others, and an alert accepted is never
 * lost: a delivery that fails is tried again with a growing pause, and one still pending when the
 * daemon stops (or is killed) is picked up from the store when it starts again. Repeats of an
 * open alert are counted, not told again; a reminder goes out every {@code remind_every} while it
 * lasts; {@link #resolve} tells every channel it cleared. Thread-safe.
 */
public final class AlertOutbox implements Alerts, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertOutbox.class);

    private final AlertBook book;
    private final List<AlertTarget> targets;
    private final List<String> channels;
    private final Clock clock;
    private final List<ChannelCourier> couriers;

    /**
     * @param channelOf how each target becomes a channel (see {@link #channels})
     * @param pacing how often couriers look for work, and the first pause after a failed delivery
     */
    AlertOutbox(
            AlertBook book,
            List<AlertTarget> targets,
            Function<AlertTarget, AlertChannel> channelOf,
            Clock clock,
            Pacing pacing) {
        this.book = book;
        this.targets = List.copyOf(targets);
        this.channels = targets.stream().map(AlertTarget::channel).toList();
        this.clock = clock;
        this.couriers = targets.stream()
                .map(target -> new ChannelCourier(book, target, channelOf.apply(target), clock, pacing))
                .toList();
    }

    /** The daemon's outbox: real channels, couriers that look every second and back off from 1s to 10 minutes. */
    public static AlertOutbox of(
            AlertBook book,
            List<AlertTarget> targets,
            Duration httpTimeout,
            java.nio.file.Path commandLog,
            SmtpPasswords passwords) {
        Map<AlertTarget, AlertChannel> built = targets.stream()
                .distinct()
                .collect(Collectors.toMap(
                        target -> target, target -> AlertChannel.of(target, httpTimeout, commandLog, passwords)));
        return new AlertOutbox(book, targets, built::get, Clock.systemUTC(), Pacing.DAEMON);
    }

    /** Starts one courier thread per channel; messages left pending by an earlier daemon go out first. */
    public AlertOutbox start() {
        couriers.forEach(ChannelCourier::start);
        return this;
    }

    @Override
    public void send(Alert alert) {
        try {
            if (accept(alert)) {
                couriers.forEach(ChannelCourier::wake);
            }
        } catch (RuntimeException storeDown) {
            LOG.error(
                    "{} alert {} could not be stored, so it is not sent: {} ({})",
                    alert.event(),
                    alert.key(),
                    alert.verdict(),
                    storeDown.toString());
        }
    }

    /**
     * Two threads raising the same alert at once on PostgreSQL both find none open and both insert
     * it; the database keeps one open per key and refuses the second, which is then a repeat.
     */
    private boolean accept(Alert alert) {
        try {
            return book.accept(alert, channels, clock.instant());
        } catch (RuntimeException raisedTwice) {
            return book.accept(alert, channels, clock.instant());
        }
    }

    @Override
    public void resolve(Alert cleared) {
        try {
            if (book.resolve(cleared, channels, clock.instant())) {
                couriers.forEach(ChannelCourier::wake);
            }
        } catch (RuntimeException storeDown) {
            LOG.error(
                    "{} alert {} could not be marked resolved: {}",
                    cleared.event(),
                    cleared.key(),
                    storeDown.toString());
        }
    }

    /** The app's alerts, newest first. */
    public List<AlertRecord> list(boolean openOnly) {
        return book.list(openOnly, 200);
    }

    /** The targets, in the order of {@code alerts:}. */
    List<AlertTarget> targets() {
        return targets;
    }

    /** Stops the couriers; a delivery in flight gets a few seconds, an alert command still running is then killed. */
    @Override
    public void close() {
        couriers.forEach(ChannelCourier::stop);
        couriers.forEach(ChannelCourier::await);
    }

    /**
     * How couriers pace themselves: they look for due work every {@code tick} (sooner when woken),
     * and pause {@code firstBackoff} after a failed try, doubled after each further one up to
     * {@code maxBackoff}.
     */
    record Pacing(Duration tick, Duration firstBackoff, Duration maxBackoff) {
        static final Pacing DAEMON = new Pacing(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMinutes(10));

        Duration backoff(long failedTries) {
            Duration pause = firstBackoff;
            for (long done = 1; done < failedTries && pause.compareTo(maxBackoff) < 0; done++) {
                pause = pause.multipliedBy(2);
            }
            return pause.compareTo(maxBackoff) > 0 ? maxBackoff : pause;
        }
    }
}
