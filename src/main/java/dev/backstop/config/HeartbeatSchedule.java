package dev.backstop.config;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * When a heartbeat check's next ping is due: a fixed period after the last one ({@code every}), or
 * the next time a crontab line fires after it ({@code cron} in the zone {@code tz}), as
 * healthchecks.io reckons. Immutable and thread-safe.
 */
public sealed interface HeartbeatSchedule permits HeartbeatSchedule.Every, HeartbeatSchedule.Cron {

    /** When the ping after one received at {@code lastPing} is due. */
    Instant nextDueAfter(Instant lastPing);

    /** As written in backstop.yml: {@code every 1h}, {@code cron "0 3 * * *" (Europe/Berlin)}. */
    String describe();

    /** A ping is due {@code period} after the last one. */
    record Every(Duration period) implements HeartbeatSchedule {
        public Every {
            if (period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("period must be positive: " + period);
            }
        }

        @Override
        public Instant nextDueAfter(Instant lastPing) {
            return lastPing.plus(period);
        }

        @Override
        public String describe() {
            return "every " + DurationSyntax.format(period);
        }
    }

    /**
     * A ping is due when the five-field crontab line {@code expression} next fires after the last
     * ping, in {@code zone}: a daily 09:00 job in Europe/Berlin is due 23 hours after a ping on the
     * day before spring's DST change.
     */
    record Cron(String expression, ZoneId zone) implements HeartbeatSchedule {

        private static final CronParser UNIX =
                new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

        /** @throws MalformedValueException when {@code expression} is no crontab line or never fires */
        public Cron {
            Objects.requireNonNull(zone, "zone");
            executionTime(expression)
                    .nextExecution(ZonedDateTime.of(2000, 1, 1, 0, 0, 0, 0, zone))
                    .orElseThrow(() -> MalformedValueException.of(
                            expression, "never fires; write a crontab line that does, like \"0 3 * * *\"."));
        }

        @Override
        public Instant nextDueAfter(Instant lastPing) {
            return executionTime(expression)
                    .nextExecution(lastPing.atZone(zone))
                    .map(ZonedDateTime::toInstant)
                    .orElse(Instant.MAX);
        }

        @Override
        public String describe() {
            return "cron \"" + expression + "\" (" + zone.getId() + ")";
        }

        private static ExecutionTime executionTime(String expression) {
            try {
                return ExecutionTime.forCron(UNIX.parse(expression.strip()).validate());
            } catch (IllegalArgumentException malformed) {
                throw MalformedValueException.of(
                        expression,
                        "is not a crontab line; write five fields (minute hour day month weekday), like \"0 3 * * *\".");
            }
        }
    }
}
