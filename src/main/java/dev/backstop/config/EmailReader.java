package dev.backstop.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads an {@code alerts: - email:} item: one address or a list of them, and its {@code smtp:}
 * server. The password is only ever named ({@code password_env}, {@code password_file}), never
 * written in the file. Stateless.
 */
final class EmailReader {

    static final List<String> SMTP_KEYS =
            List.of("host", "port", "starttls", "user", "password_env", "password_file", "ca_file", "from", "timeout");
    /** Submission with STARTTLS; plain SMTP relays listen on 25. */
    static final int STARTTLS_PORT = 587;

    static final int PLAIN_PORT = 25;
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>,\"]+@[^@\\s<>,\"]+");

    private EmailReader() {}

    static Optional<AlertTarget> email(Section alert, Path base, Duration remindEvery) {
        List<String> to = addresses(alert);
        Optional<Section> smtp = alert.section("smtp", SMTP_KEYS);
        if (smtp.isEmpty()) {
            alert.problems()
                    .add(
                            alert.lineOf("email"),
                            alert.pathOf("smtp"),
                            "is required with email; add it, like smtp: { host: smtp.example.org, from:"
                                    + " backstop@example.org }.");
            return Optional.empty();
        }
        Optional<AlertTarget.Smtp> server = server(smtp.get(), base);
        if (to.isEmpty() || server.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new AlertTarget.Email(to, server.get(), remindEvery));
    }

    private static List<String> addresses(Section alert) {
        boolean one =
                alert.find("email").filter(YamlNode.Scalar.class::isInstance).isPresent();
        return one
                ? alert.value("email", EmailReader::address).stream().toList()
                : alert.items("email").stream()
                        .flatMap(item -> item.value(EmailReader::address).stream())
                        .toList();
    }

    private static Optional<AlertTarget.Smtp> server(Section smtp, Path base) {
        String host = smtp.required("host", ValueSyntax::nonBlank, "", "host: smtp.example.org");
        String from = smtp.required("from", EmailReader::address, "", "from: backstop@example.org");
        boolean startTls = smtp.value("starttls", ValueSyntax::flag, true);
        int port = smtp.value("port", ValueSyntax::port, startTls ? STARTTLS_PORT : PLAIN_PORT);
        Optional<String> user = smtp.value("user", ValueSyntax::nonBlank);
        Optional<String> passwordEnv = smtp.value("password_env", ValueSyntax::envName);
        Optional<Path> passwordFile = smtp.value("password_file", text -> PathSyntax.onHost(text, base));
        if (passwordEnv.isPresent() && passwordFile.isPresent()) {
            smtp.problems()
                    .add(
                            smtp.lineOf("password_file"),
                            smtp.pathOf("password_file"),
                            "and password_env both name the password; keep one.");
        }
        boolean password = smtp.has("password_env") || smtp.has("password_file");
        if (user.isPresent() != password) {
            smtp.problems()
                    .add(
                            smtp.line(),
                            smtp.path(),
                            user.isPresent()
                                    ? "names a user but no password; add password_env: SMTP_PASSWORD (set in env_file"
                                            + " or the daemon's environment) or password_file: /etc/backstop/smtp-password."
                                    : "names a password but no user; add user: NAME, or remove the password.");
        }
        Optional<Path> caFile = smtp.value("ca_file", text -> PathSyntax.onHost(text, base));
        Duration timeout = smtp.duration("timeout", DEFAULT_TIMEOUT);
        if (host.isEmpty() || from.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new AlertTarget.Smtp(
                host,
                port,
                startTls,
                user,
                passwordEnv,
                passwordFile,
                caFile,
                from,
                timeout,
                smtp.line() + ": " + smtp.path()));
    }

    static String address(String text) {
        String address = text.strip();
        if (!ADDRESS.matcher(address).matches()) {
            throw MalformedValueException.of(text, "is not an e-mail address; write one like ops@example.org.");
        }
        return address;
    }
}
