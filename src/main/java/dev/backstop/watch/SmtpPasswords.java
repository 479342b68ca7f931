package dev.backstop.watch;

import dev.backstop.config.AlertTarget;
import dev.backstop.config.EnvFile;
import dev.backstop.config.EnvSources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds the SMTP password an {@code alerts: - email:} item names: {@code password_env} in the
 * app's {@code env_file}s (later files win) or else the daemon's own environment, or the first line
 * of {@code password_file}. Read once, when the daemon starts, so that a missing password stops the
 * start with a clear message instead of failing every alert later. Stateless.
 */
public final class SmtpPasswords {

    private final Path configFile;
    private final EnvSources sources;
    private final Function<String, String> environment;

    /** {@code environment}: the daemon's variables ({@code System::getenv}). */
    public SmtpPasswords(Path configFile, EnvSources sources, Function<String, String> environment) {
        this.configFile = configFile;
        this.sources = sources;
        this.environment = environment;
    }

    /** The password of {@code smtp}, empty when it logs in without one. */
    Optional<String> of(AlertTarget.Smtp smtp) {
        if (smtp.passwordEnv().isPresent()) {
            return Optional.of(fromEnvironment(smtp, smtp.passwordEnv().get()));
        }
        return smtp.passwordFile().map(file -> fromFile(smtp, file));
    }

    private String fromEnvironment(AlertTarget.Smtp smtp, String name) {
        String value = null;
        for (Path file : sources.files()) {
            Map<String, String> values = EnvFile.read(file);
            value = values.getOrDefault(name, value);
        }
        if (value == null) {
            value = environment.apply(name);
        }
        if (value == null || value.isEmpty()) {
            throw new UnusableAlertChannelException(configFile + ":" + smtp.where() + ".password_env: '" + name
                    + "' is set neither in env_file nor in the daemon's environment; set it there, then start the"
                    + " daemon again.");
        }
        return value;
    }

    private String fromFile(AlertTarget.Smtp smtp, Path file) {
        try {
            String password = Files.readString(file, StandardCharsets.UTF_8)
                    .lines()
                    .findFirst()
                    .orElse("")
                    .strip();
            if (password.isEmpty()) {
                throw new UnusableAlertChannelException(configFile + ":" + smtp.where() + ".password_file: '" + file
                        + "' is empty; write the password on its first line.");
            }
            return password;
        } catch (IOException unreadable) {
            throw new UnusableAlertChannelException(configFile + ":" + smtp.where() + ".password_file: '" + file
                    + "' cannot be read (" + unreadable.getMessage() + "); create it (mode 0600) for the daemon's"
                    + " user.");
        }
    }
}
