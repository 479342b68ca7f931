package dev.backstop.watch;

/**
 * An alert message in words, shared by Slack and e-mail: a headline ("Backstop, shop: rollback of
 * release '2.0' ...") with "Reminder: " or "Resolved: " before it, and the detail (the verdict, how
 * long it lasts, how it cleared). Stateless.
 */
final class AlertText {

    private AlertText() {}

    static String headline(AlertMessage message) {
        Alert alert = message.alert();
        String previous = alert.previousRelease()
                .map(version -> " (before it: '" + version + "')")
                .orElse("");
        String about = alert.subject().isEmpty() || alert.subject().startsWith("deploy-") ? "" : " " + alert.subject();
        String line = "Backstop, " + alert.app() + ": " + alert.event() + about + " of release '" + alert.release()
                + "'" + previous + ", deploy #" + alert.deployId() + ".";
        return switch (message.kind()) {
            case OPENED -> line;
            case REMINDER -> "Reminder: " + line;
            case RESOLVED -> "Resolved: " + line;
        };
    }

    static String detail(AlertMessage message) {
        String verdict = message.alert().verdict();
        return switch (message.kind()) {
            case OPENED -> verdict;
            case REMINDER ->
                verdict + "\nStill open since " + message.openedAt() + " (" + message.count() + " times so far).";
            case RESOLVED -> message.resolution().orElse("cleared") + "\nIt had been: " + verdict;
        };
    }
}
