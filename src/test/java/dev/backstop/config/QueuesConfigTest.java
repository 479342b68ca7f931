package dev.backstop.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class QueuesConfigTest {

    @TempDir
    Path dir;

    @Test
    void theDesignExampleIsAFreeQueryWithAMaximumDepth() {
        BackstopConfig config = load("""
                queues:
                  - name: delayed_job
                    jdbc: "jdbc:mariadb://127.0.0.1/shop"
                    query: "select count(*) from delayed_jobs where failed_at is null and run_at <= now()"
                    max: 1000
                """);

        assertThat(config.queues())
                .containsExactly(new QueueCheck(
                        "delayed_job",
                        new QueueSource.SqlQuery(
                                "jdbc:mariadb://127.0.0.1/shop",
                                "select count(*) from delayed_jobs where failed_at is null and run_at <= now()"),
                        OptionalLong.of(1000),
                        Optional.empty(),
                        Duration.ofSeconds(30)));
    }

    @Test
    void presetsTakeTheirDefaultsAndTheirOptions() {
        BackstopConfig config = load("""
                queues:
                  - { name: mailers, jdbc: "jdbc:postgresql://db/shop", preset: delayed_job, max_age: 15m }
                  - { name: reports, jdbc: "jdbc:sqlite:/srv/shop/db.sqlite3", preset: delayed_job, table: jobs,
                      max_run_time: 30m, max_depth: 10, every: 1m }
                  - { name: sidekiq, redis: "redis://127.0.0.1:6379/0", namespace: shop, max_depth: 500 }
                """);

        assertThat(config.queues())
                .extracting(QueueCheck::source)
                .containsExactly(
                        new QueueSource.DelayedJob("jdbc:postgresql://db/shop", "delayed_jobs", Duration.ofHours(4)),
                        new QueueSource.DelayedJob("jdbc:sqlite:/srv/shop/db.sqlite3", "jobs", Duration.ofMinutes(30)),
                        new QueueSource.Sidekiq(URI.create("redis://127.0.0.1:6379/0"), "shop"));
        assertThat(config.queues().get(0).maxAge()).contains(Duration.ofMinutes(15));
        assertThat(config.queues().get(1).every()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.queues().get(2).maxDepth()).isEqualTo(OptionalLong.of(500));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void mistakesAreNamedWithTheirLineAndWhatToWrite(String mistake, String yaml, String expected) {
        Path file = ConfigFiles.write(dir, ConfigFiles.MINIMAL + yaml);

        InvalidConfigException invalid =
                catchThrowableOfType(InvalidConfigException.class, () -> new ConfigLoader().load(file));

        assertThat(invalid.problems()).extracting(ConfigFiles::withoutFile).containsExactly(expected);
    }

    static Stream<Arguments> mistakesAreNamedWithTheirLineAndWhatToWrite() {
        return Stream.of(
                Arguments.of(
                        "no source",
                        "queues:\n  - { name: q, max: 10 }\n",
                        "7: queues[0]: names no queue; write jdbc: \"jdbc:mariadb://127.0.0.1/shop\" for a SQL queue or"
                                + " redis: \"redis://127.0.0.1:6379/0\" for Sidekiq."),
                Arguments.of(
                        "two sources",
                        "queues:\n  - { name: q, jdbc: \"jdbc:sqlite:x\", redis: \"redis://h/0\", query: select 1 }\n",
                        "7: queues[0]: names both jdbc and redis; write jdbc: \"jdbc:mariadb://127.0.0.1/shop\" for a"
                                + " SQL queue or redis: \"redis://127.0.0.1:6379/0\" for Sidekiq."),
                Arguments.of(
                        "a URL without a driver, its password hidden",
                        "queues:\n  - { name: q, jdbc: \"jdbc:oracle://shop:s3cret@db/x?password=s3cret\","
                                + " query: select 1 }\n",
                        "7: queues[0].jdbc: \"jdbc:oracle://***@db/x?password=***\" is not a JDBC URL Backstop has a"
                                + " driver for; start it with jdbc:mariadb:, jdbc:postgresql:, jdbc:sqlite:, like"
                                + " jdbc:mariadb://127.0.0.1/shop."),
                Arguments.of(
                        "a SQL queue without a query",
                        "queues:\n  - { name: q, jdbc: \"jdbc:sqlite:x\" }\n",
                        "7: queues[0].query: is required with jdbc unless preset: delayed_job is set; add one that"
                                + " returns the number of waiting jobs (and optionally the oldest one's age in seconds)."),
                Arguments.of(
                        "an unknown preset",
                        "queues:\n  - { name: q, jdbc: \"jdbc:sqlite:x\", preset: resque }\n",
                        "7: queues[0].preset: \"resque\" is not a SQL queue preset; use delayed_job, or write a query:"
                                + " that counts the waiting jobs."),
                Arguments.of(
                        "a query beside the preset",
                        "queues:\n  - { name: q, jdbc: \"jdbc:sqlite:x\", preset: delayed_job, query: select 1 }\n",
                        "7: queues[0].query: is only used with jdbc and no preset; remove it."),
                Arguments.of(
                        "sidekiq with a table",
                        "queues:\n  - { name: q, redis: \"redis://127.0.0.1/0\", table: jobs }\n",
                        "7: queues[0].table: is only used with preset: delayed_job; remove it."),
                Arguments.of(
                        "a Redis URL that is not one, its password hidden",
                        "queues:\n  - { name: q, redis: \"http://:s3cret@127.0.0.1/0\" }\n",
                        "7: queues[0].redis: \"http://***@127.0.0.1/0\" is not a Redis URL; write one like"
                                + " redis://127.0.0.1:6379/0."),
                Arguments.of(
                        "max and max_depth",
                        "queues:\n  - { name: q, jdbc: \"jdbc:sqlite:x\", query: select 1, max: 1, max_depth: 2 }\n",
                        "7: queues[0].max: and max_depth say the same; keep one of them."),
                Arguments.of(
                        "sampled too often",
                        "queues:\n  - { name: q, jdbc: \"jdbc:sqlite:x\", query: select 1, every: 100ms }\n",
                        "7: queues[0].every: \"100ms\" is too often; sample a queue at most every 1s."),
                Arguments.of(
                        "a negative depth",
                        "queues:\n  - { name: q, jdbc: \"jdbc:sqlite:x\", query: select 1, max_depth: -1 }\n",
                        "7: queues[0].max_depth: \"-1\" is not a whole number of at least 0."),
                Arguments.of(
                        "an unknown key",
                        "queues:\n  - { name: q, jdbc: \"jdbc:sqlite:x\", query: select 1, max_dept: 5 }\n",
                        "7: queues[0].max_dept: unknown key; did you mean 'max_depth'?"),
                Arguments.of(
                        "two queues with one name",
                        "queues:\n  - { name: q, jdbc: \"jdbc:sqlite:x\", query: select 1 }\n"
                                + "  - { name: q, redis: \"redis://127.0.0.1/0\" }\n",
                        "8: queues[1].name: \"q\" is already the name of the queue on line 7; give each its own."));
    }

    private BackstopConfig load(String yaml) {
        return new ConfigLoader().load(ConfigFiles.write(dir, ConfigFiles.MINIMAL + yaml));
    }
}
