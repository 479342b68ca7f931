package dev.backstop.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class HeartbeatScheduleTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void aDailyCronJobIsDue23HoursAfterAPingOnTheDayBeforeSpringsDstChange() {
        HeartbeatSchedule daily = new HeartbeatSchedule.Cron("0 9 * * *", BERLIN);
        Instant saturday = ZonedDateTime.of(2026, 3, 28, 9, 0, 30, 0, BERLIN).toInstant();

        Instant due = daily.nextDueAfter(saturday);

        assertThat(due)
                .isEqualTo(ZonedDateTime.of(2026, 3, 29, 9, 0, 0, 0, BERLIN).toInstant());
        assertThat(Duration.between(saturday, due))
                .isEqualTo(Duration.ofHours(23).minusSeconds(30));
    }

    @Test
    void aDailyCronJobIsDue25HoursAfterAPingOnTheDayBeforeAutumnsDstChange() {
        HeartbeatSchedule daily = new HeartbeatSchedule.Cron("0 9 * * *", BERLIN);
        Instant saturday = ZonedDateTime.of(2026, 10, 24, 9, 0, 0, 0, BERLIN).toInstant();

        Instant due = daily.nextDueAfter(saturday);

        assertThat(Duration.between(saturday, due)).isEqualTo(Duration.ofHours(25));
        assertThat(due.atZone(BERLIN).getHour()).isEqualTo(9);
    }

    @Test
    void anHourlyCronJobIsDueAnHourLaterAcrossTheRepeatedHourOfAutumn() {
        HeartbeatSchedule hourly = new HeartbeatSchedule.Cron("15 * * * *", BERLIN);
        // 02:15 CEST, the first of two 02:15s that night
        Instant first = Instant.parse("2026-10-25T00:15:00Z");

        Instant due = hourly.nextDueAfter(first);

        assertThat(Duration.between(first, due)).isLessThanOrEqualTo(Duration.ofHours(1));
        assertThat(due).isAfter(first);
    }

    @Test
    void theSameCronLineInUtcKeepsItsDailyRhythmAcrossBerlinsDstChange() {
        HeartbeatSchedule daily = new HeartbeatSchedule.Cron("0 9 * * *", java.time.ZoneOffset.UTC);
        Instant saturday = Instant.parse("2026-03-28T09:00:00Z");

        assertThat(Duration.between(saturday, daily.nextDueAfter(saturday))).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void aPeriodIsDueThatLongAfterTheLastPing() {
        Instant ping = Instant.parse("2026-03-29T00:30:00Z");

        assertThat(new HeartbeatSchedule.Every(Duration.ofHours(24)).nextDueAfter(ping))
                .isEqualTo(Instant.parse("2026-03-30T00:30:00Z"));
    }
}
