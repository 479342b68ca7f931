package dev.backstop.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.backstop.FreePorts;
import dev.backstop.config.AlertTarget;
import dev.backstop.config.EnvSources;
import dev.backstop.config.StoreLocation;
import dev.backstop.store.Store;
import dev.backstop.timeline.Event;
import dev.backstop.timeline.Timeline;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * E-mail alerts through real SMTP servers started by the test: GreenMail with a login, and
 * Debian's aiosmtpd requiring STARTTLS (with a certificate made here by openssl) before the login.
 */
class EmailAlertsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Alert ROLLBACK = new Alert(
            "shop",
            Alert.ROLLBACK,
            "deploy-12",
            "2.0",
            Optional.of("1.9"),
            "5xx ratio 0.83 over 41 requests > 0.05 → rollback",
            12,
            "http://127.0.0.1:8081/api/deploys/12");

    @TempDir
    Path dir;

    private Store store;
    private Timeline timeline;
    private GreenMail greenMail;
    private Process starttlsServer;

    @BeforeEach
    void openStore() {
        store = Store.open(StoreLocation.sqliteIn(dir.resolve("data")));
        timeline = new Timeline(store.jdbi());
    }

    @AfterEach
    void stopServers() throws InterruptedException {
        if (greenMail != null) {
            greenMail.stop();
        }
        if (starttlsServer != null) {
            starttlsServer.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        store.close();
    }

    @Test
    void anAlertIsMailedToEveryAddressThroughAServerThatWantsALogin() throws Exception {
        greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort())
                .withConfiguration(
                        GreenMailConfiguration.aConfig().withUser("backstop@example.org", "backstop", "s3cret"));
        greenMail.start();
        Path passwordFile = secret("smtp-password", "s3cret\n");

        try (AlertOutbox alerts = outbox(email(plainSmtp(Optional.of(passwordFile))))) {
            alerts.send(ROLLBACK);
            await().atMost(PATIENCE).until(() -> greenMail.getReceivedMessages().length == 2);
        }

        MimeMessage mail = greenMail.getReceivedMessages()[0];
        assertThat(mail.getSubject())
                .isEqualTo("Backstop, shop: rollback of release '2.0' (before it: '1.9'), deploy #12.");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("backstop@example.org");
        assertThat(mail.getHeader("X-Backstop-Alert-Key")).containsExactly("shop/rollback/deploy-12");
        assertThat(body(mail))
                .contains("5xx ratio 0.83 over 41 requests > 0.05 → rollback")
                .contains("http://127.0.0.1:8081/api/deploys/12");
        assertThat(List.of(greenMail.getReceivedMessages()))
                .flatExtracting(message -> List.of(message.getAllRecipients()))
                .extracting(Object::toString)
                .contains("ops@example.org", "dev@example.org");
        assertThat(events("alert.delivered"))
                .extracting(Event::message)
                .containsExactly(
                        "rollback alert shop/rollback/deploy-12 (opened) delivered to e-mail to ops@example.org,"
                                + " dev@example.org via 127.0.0.1:"
                                + greenMail.getSmtp().getPort());
    }

    @Test
    void aWrongPasswordIsADeliveryFailureThatSaysWhatTheServerAnswered() throws Exception {
        greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort())
                .withConfiguration(
                        GreenMailConfiguration.aConfig().withUser("backstop@example.org", "backstop", "s3cret"));
        greenMail.start();

        try (AlertOutbox alerts = outbox(email(plainSmtp(Optional.of(secret("smtp-password", "wrong\n")))))) {
            alerts.send(ROLLBACK);
            await().atMost(PATIENCE)
                    .until(() -> !events("alert.delivery-failed").isEmpty());
        }

        assertThat(greenMail.getReceivedMessages()).isEmpty();
        assertThat(events("alert.delivery-failed").get(0).message())
                .contains("(try 1: ")
                .containsIgnoringCase("auth");
    }

    @Test
    void starttlsIsRequiredAndTheServerCertificateIsCheckedAgainstCaFile() throws Exception {
        int port = freePort();
        Path certificate = selfSignedCertificate();
        starttlsServer = new ProcessBuilder(
                        "/usr/bin/python3",
                        script().toString(),
                        String.valueOf(port),
                        certificate.toString(),
                        dir.resolve("key.pem").toString(),
                        "backstop",
                        "s3cret",
                        dir.resolve("mail").toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("smtp.log").toFile())
                .start();
        await().atMost(PATIENCE).until(() -> Files.exists(dir.resolve("mail/ready")));
        Path envFile = secret("shop.env", "SMTP_PASSWORD=s3cret\n");
        AlertTarget.Smtp smtp = new AlertTarget.Smtp(
                "127.0.0.1",
                port,
                true,
                Optional.of("backstop"),
                Optional.of("SMTP_PASSWORD"),
                Optional.empty(),
                Optional.of(certificate),
                "backstop@example.org",
                Duration.ofSeconds(10),
                "9: alerts[0].smtp");

        try (AlertOutbox alerts = outbox(email(smtp), new EnvSources(List.of(envFile), List.of()))) {
            alerts.send(ROLLBACK);
            await().atMost(PATIENCE).until(() -> Files.exists(dir.resolve("mail/0.eml")));
        }

        assertThat(Files.readString(dir.resolve("mail/0.eml"), StandardCharsets.UTF_8))
                .contains("Subject: Backstop, shop: rollback of release '2.0'")
                .contains("X-Backstop-Alert-Key: shop/rollback/deploy-12");
        assertThat(events("alert.delivered")).hasSize(1);
    }

    @Test
    void aPasswordNamedButSetNowhereStopsTheStartWithTheKeyAndWhatToDo() {
        AlertTarget.Smtp smtp = plainSmtp(Optional.empty());
        SmtpPasswords passwords =
                new SmtpPasswords(dir.resolve("backstop.yml"), EnvSources.NONE, Map.<String, String>of()::get);

        UnusableAlertChannelException refused =
                catchThrowableOfType(UnusableAlertChannelException.class, () -> passwords.of(smtp));

        assertThat(refused.getMessage())
                .isEqualTo(
                        dir.resolve("backstop.yml") + ":9: alerts[0].smtp.password_env: 'SMTP_PASSWORD' is set neither"
                                + " in env_file nor in the daemon's environment; set it there, then start the daemon again.");
    }

    private AlertTarget.Smtp plainSmtp(Optional<Path> passwordFile) {
        int port = greenMail == null ? 2525 : greenMail.getSmtp().getPort();
        return new AlertTarget.Smtp(
                "127.0.0.1",
                port,
                false,
                Optional.of("backstop"),
                passwordFile.isPresent() ? Optional.empty() : Optional.of("SMTP_PASSWORD"),
                passwordFile,
                Optional.empty(),
                "backstop@example.org",
                Duration.ofSeconds(10),
                "9: alerts[0].smtp");
    }

    private static AlertTarget.Email email(AlertTarget.Smtp smtp) {
        return new AlertTarget.Email(List.of("ops@example.org", "dev@example.org"), smtp, Duration.ofHours(4));
    }

    private AlertOutbox outbox(AlertTarget.Email target) {
        return outbox(target, EnvSources.NONE);
    }

    private AlertOutbox outbox(AlertTarget.Email target, EnvSources sources) {
        SmtpPasswords passwords = new SmtpPasswords(dir.resolve("backstop.yml"), sources, name -> null);
        return new AlertOutbox(
                        new AlertBook(store.jdbi(), timeline, "shop"),
                        List.of(target),
                        each -> AlertChannel.of(each, Duration.ofSeconds(5), dir.resolve("alerts.log"), passwords),
                        Clock.systemUTC(),
                        TestOutboxes.QUICK)
                .start();
    }

    private Path secret(String name, String content) throws IOException {
        Path file = Files.writeString(dir.resolve(name), content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private Path selfSignedCertificate() throws Exception {
        Process openssl = new ProcessBuilder(
                        "openssl",
                        "req",
                        "-x509",
                        "-newkey",
                        "rsa:2048",
                        "-nodes",
                        "-days",
                        "1",
                        "-keyout",
                        dir.resolve("key.pem").toString(),
                        "-out",
                        dir.resolve("cert.pem").toString(),
                        "-subj",
                        "/CN=127.0.0.1",
                        "-addext",
                        "subjectAltName=IP:127.0.0.1")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("openssl.log").toFile())
                .start();
        assertThat(openssl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(openssl.exitValue())
                .as(Files.readString(dir.resolve("openssl.log")))
                .isZero();
        return dir.resolve("cert.pem");
    }

    private Path script() throws IOException {
        Path script = dir.resolve("starttls_server.py");
        try (InputStream source = getClass().getResourceAsStream("/smtp/starttls_server.py")) {
            Files.copy(source, script);
        }
        return script;
    }

    private static String body(MimeMessage mail) throws Exception {
        return String.valueOf(mail.getContent());
    }

    private static int freePort() throws IOException {
        return FreePorts.next();
    }

    private List<Event> events(String kind) {
        return timeline.list("shop", Optional.empty()).stream()
                .filter(event -> event.kind().equals(kind))
                .toList();
    }
}
