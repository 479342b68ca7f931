package dev.backstop.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Java or Kotlin throwable: its line ({@code Exception in thread "main" …} or the bare
 * {@code com.x.SomeException: message} a logger prints), tab-indented {@code at pkg.Class.m(File.java:3)}
 * frames, and {@code Caused by:} sections. The root cause (the last {@code Caused by:}) is what
 * explains; its first app frames are the ones shown.
 */
final class JvmTrace implements TraceShape {

    static final Pattern FRAME = Pattern.compile("^\\s+at [^\\s(]+\\(.*\\)$");
    private static final Pattern OMITTED = Pattern.compile("^\\s+\\.\\.\\. \\d+ (more|common frames omitted)$");
    private static final String CAUSED_BY = "Caused by: ";
    private static final String IN_THREAD = "Exception in thread ";

    @Override
    public Optional<Match> at(List<String> lines, int start) {
        String head = lines.get(start);
        if (head.isBlank()
                || FRAME.matcher(head).matches()
                || start + 1 >= lines.size()
                || !FRAME.matcher(lines.get(start + 1)).matches()) {
            return Optional.empty();
        }
        String cause = null;
        List<String> headFrames = new ArrayList<>();
        List<String> causeFrames = new ArrayList<>();
        int index = start + 1;
        while (index < lines.size()) {
            String line = lines.get(index);
            if (line.startsWith(CAUSED_BY)) {
                cause = line;
                causeFrames.clear();
            } else if (FRAME.matcher(line).matches()) {
                keep(line, cause == null ? headFrames : causeFrames);
            } else if (!OMITTED.matcher(line).matches() && !line.stripLeading().startsWith("Suppressed: ")) {
                break;
            }
            index++;
        }
        List<String> shown = new ArrayList<>(List.of(head));
        if (cause != null) {
            shown.add(cause);
        }
        shown.addAll(cause != null && !causeFrames.isEmpty() ? causeFrames : headFrames);
        String exception = cause != null ? cause.substring(CAUSED_BY.length()) : withoutThread(head.strip());
        return Optional.of(new Match(new FailureTrace("java", exception.strip(), shown), index));
    }

    private static void keep(String frame, List<String> appFrames) {
        if (appFrames.size() < APP_FRAMES && AppFrames.isAppClass(frame)) {
            appFrames.add(frame);
        }
    }

    /** {@code Exception in thread "main" java.lang.X: y} is {@code java.lang.X: y}. */
    private static String withoutThread(String head) {
        if (!head.startsWith(IN_THREAD)) {
            return head;
        }
        int closingQuote = head.indexOf('"', IN_THREAD.length() + 1);
        return closingQuote < 0 ? head : head.substring(closingQuote + 1).strip();
    }
}
