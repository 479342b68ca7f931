package dev.backstop.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrateConfigTest {

    @TempDir
    Path dir;

    @Test
    void presetsExpandToTheirFrameworksLayoutsAndDefaultsAreRollbackAndTenMinutes() {
        Path file = ConfigFiles.write(dir, """
                app: shop
                root: .
                services: { web: { command: bin/web } }
                migrate:
                  command: bin/rails db:migrate
                  paths: [rails, django, flyway, db/extra/*.sql]
                """);

        Migrate migrate = new ConfigLoader().load(file).migrate().orElseThrow();

        assertThat(migrate.command()).isEqualTo("bin/rails db:migrate");
        assertThat(migrate.paths())
                .containsExactly("db/migrate/*.rb", "*/migrations/[0-9]*.py", "db/migration/V*.sql", "db/extra/*.sql");
        assertThat(migrate.timeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(migrate.onRollback()).isEqualTo(Migrate.OnRollback.ROLLBACK);
    }

    @Test
    void oneWrittenPresetAndOnRollbackAlertAreRead() {
        Path file = ConfigFiles.write(dir, """
                app: shop
                root: .
                services: { web: { command: bin/web } }
                migrate: { command: "python manage.py migrate", paths: django, timeout: 30s, on_rollback: alert }
                """);

        Migrate migrate = new ConfigLoader().load(file).migrate().orElseThrow();

        assertThat(migrate.paths()).containsExactly("*/migrations/[0-9]*.py");
        assertThat(migrate.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(migrate.onRollback()).isEqualTo(Migrate.OnRollback.ALERT);
    }

    @Test
    void withoutPathsEveryPresetIsSearchedAndWithoutMigrateNothingRuns() {
        Path with = ConfigFiles.write(dir, """
                app: shop
                root: .
                services: { web: { command: bin/web } }
                migrate: { command: bin/migrate }
                """);

        assertThat(new ConfigLoader().load(with).migrate().orElseThrow().paths())
                .hasSize(3);
        assertThat(new ConfigLoader()
                        .load(ConfigFiles.write(dir, "app: shop\nroot: .\nservices: { web: { command: bin/web } }\n"))
                        .migrate())
                .isEmpty();
    }

    @Test
    void badValuesAreReportedWithTheirLineKeyAndWhatToWrite() {
        Path file = ConfigFiles.write(dir, """
                app: shop
                root: .
                services: { web: { command: bin/web } }
                migrate:
                  paths: [rails, /etc/*.sql, db/../x/*.sql, "db/[x.sql"]
                  timeout: 0s
                  on_rollback: revert
                  on_failure: alert
                """);

        InvalidConfigException invalid =
                catchThrowableOfType(InvalidConfigException.class, () -> new ConfigLoader().load(file));

        List<String> problems =
                invalid.problems().stream().map(ConfigFiles::withoutFile).toList();
        assertThat(problems)
                .contains(
                        "4: migrate.command: is required; add it, like command: \"bin/rails db:migrate\".",
                        "5: migrate.paths[1]: \"/etc/*.sql\" is not a preset or a glob of files inside the release;"
                                + " write rails, django, flyway or a glob like db/migrate/*.rb.",
                        "6: migrate.timeout: \"0s\" is no time at all; use a duration longer than zero, like 1s.",
                        "8: migrate.on_failure: unknown key; valid keys here are command, timeout, paths,"
                                + " on_rollback.");
        assertThat(problems).anyMatch(problem -> problem.startsWith("5: migrate.paths[2]: \"db/../x/*.sql\" has a"));
        assertThat(problems)
                .anyMatch(problem -> problem.startsWith("5: migrate.paths[3]: \"db/[x.sql\" is not a glob"));
        assertThat(problems).anyMatch(problem -> problem.startsWith("7: migrate.on_rollback: \"revert\""));
    }
}
