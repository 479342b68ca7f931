package dev.backstop.maintenance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTML the web server sends with its 503: the app's own page or Backstop's built-in one. Thread-safe. */
final class MaintenancePage {

    private static final Logger LOG = LoggerFactory.getLogger(MaintenancePage.class);
    private static final String TEMPLATE = loadTemplate();
    private static final String DEFAULT_MESSAGE = "We are doing some maintenance and will be back shortly.";

    private MaintenancePage() {}

    /**
     * The app's page when it is given and readable, else the built-in page. A missing app page
     * must not stop maintenance from being turned on during an incident, so it is only logged.
     */
    static byte[] render(Optional<Path> appPage, String message) {
        if (appPage.isPresent()) {
            try {
                return Files.readAllBytes(appPage.get());
            } catch (IOException e) {
                LOG.warn(
                        "cannot read the app's maintenance page '{}' ({}); serving Backstop's built-in page instead",
                        appPage.get(),
                        e.toString());
            }
        }
        return builtIn(message);
    }

    static byte[] builtIn(String message) {
        String text = message.isBlank() ? DEFAULT_MESSAGE : message;
        return TEMPLATE.replace("{{message}}", escape(text)).getBytes(StandardCharsets.UTF_8);
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (char character : text.toCharArray()) {
            switch (character) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(character);
            }
        }
        return escaped.toString();
    }

    private static String loadTemplate() {
        try (InputStream in = MaintenancePage.class.getResourceAsStream("maintenance.html")) {
            if (in == null) {
                throw new IllegalStateException("maintenance.html is missing from the Backstop jar; rebuild it");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
