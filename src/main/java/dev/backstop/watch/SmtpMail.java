package dev.backstop.watch;

import dev.backstop.config.AlertTarget;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Date;
import java.util.Optional;
import java.util.Properties;

/**
 * Mails each alert message through one SMTP server with Angus Mail: plain text, the headline as
 * subject. STARTTLS is required unless {@code starttls: false}; the server's certificate is checked
 * against the system's CAs, or those of {@code ca_file}. Thread-safe: a session is shared, each
 * delivery opens its own connection.
 */
final class SmtpMail implements AlertChannel {

    private final AlertTarget.Email target;
    private final Session session;

    SmtpMail(AlertTarget.Email target, Optional<String> password) {
        this.target = target;
        this.session = Session.getInstance(properties(target.smtp()), authenticator(target.smtp(), password));
    }

    @Override
    public String destination() {
        return "e-mail to " + String.join(", ", target.to()) + " via "
                + target.smtp().host() + ":" + target.smtp().port();
    }

    @Override
    public Optional<String> deliver(AlertMessage message) {
        try {
            MimeMessage mail = new MimeMessage(session);
            mail.setFrom(new InternetAddress(target.smtp().from()));
            for (String address : target.to()) {
                mail.addRecipient(Message.RecipientType.TO, new InternetAddress(address));
            }
            mail.setSubject(AlertText.headline(message), "UTF-8");
            mail.setSentDate(new Date());
            mail.setHeader("X-Backstop-Alert-Key", message.alert().key());
            mail.setText(body(message), "UTF-8");
            Transport.send(mail);
            return Optional.empty();
        } catch (MessagingException failed) {
            return Optional.of(reason(failed));
        }
    }

    private static String body(AlertMessage message) {
        Alert alert = message.alert();
        return AlertText.detail(message) + "\n\n" + "Alert: " + alert.key() + "\n" + "Release: " + alert.release()
                + alert.previousRelease()
                        .map(previous -> " (before it: " + previous + ")")
                        .orElse("") + "\n"
                + "Deploy: #" + alert.deployId() + "\n" + alert.link() + "\n\n"
                + "Open alerts: backstop alerts --open\n";
    }

    private static Properties properties(AlertTarget.Smtp smtp) {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", smtp.host());
        properties.put("mail.smtp.port", String.valueOf(smtp.port()));
        properties.put("mail.smtp.auth", String.valueOf(smtp.user().isPresent()));
        properties.put("mail.smtp.starttls.enable", String.valueOf(smtp.startTls()));
        properties.put("mail.smtp.starttls.required", String.valueOf(smtp.startTls()));
        properties.put("mail.smtp.ssl.checkserveridentity", "true");
        String millis = String.valueOf(smtp.timeout().toMillis());
        properties.put("mail.smtp.connectiontimeout", millis);
        properties.put("mail.smtp.timeout", millis);
        properties.put("mail.smtp.writetimeout", millis);
        smtp.caFile()
                .ifPresent(
                        file -> properties.put("mail.smtp.ssl.socketFactory", TrustedCertificates.socketFactory(file)));
        return properties;
    }

    private static Authenticator authenticator(AlertTarget.Smtp smtp, Optional<String> password) {
        if (smtp.user().isEmpty()) {
            return null;
        }
        PasswordAuthentication login = new PasswordAuthentication(smtp.user().get(), password.orElse(""));
        return new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return login;
            }
        };
    }

    /** The server's own words when it gave any ("535 authentication failed"), else the exception's. */
    private static String reason(MessagingException failed) {
        Throwable cause = failed;
        StringBuilder reason = new StringBuilder();
        while (cause != null && reason.length() < 300) {
            if (cause.getMessage() != null && reason.indexOf(cause.getMessage().strip()) < 0) {
                reason.append(reason.length() == 0 ? "" : ": ")
                        .append(cause.getMessage().strip());
            }
            cause = cause.getCause() == cause ? null : cause.getCause();
        }
        return reason.length() == 0
                ? failed.getClass().getSimpleName()
                : reason.toString().replace('\n', ' ');
    }
}
