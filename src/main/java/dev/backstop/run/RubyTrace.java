package dev.backstop.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ruby's {@code path:12:in 'method': message (TypeError)} followed by {@code from path:…} frames
 * (Ruby 3), or the same line after a {@code Traceback} of numbered {@code N: from} frames (Ruby 2.5
 * to 2.7). The first line is the one that explains; a Rails boot failure is followed by dozens of
 * framework frames ({@code tsort.rb}, {@code initializable.rb}) that do not.
 */
final class RubyTrace implements TraceShape {

    private static final Pattern HEAD = Pattern.compile("^(\\S.*?):(\\d+):in [`'](.+?)': (.+) \\(([A-Z][\\w:]*)\\)$");
    private static final Pattern FROM = Pattern.compile("^\\s+from (.+)$");
    private static final Pattern NUMBERED_FROM = Pattern.compile("^\\s+\\d+: from (.+)$");
    /** Lines of a multi-line message ("Did you mean?") between the first line and the frames. */
    private static final int MESSAGE_LINES = 5;

    @Override
    public Optional<Match> at(List<String> lines, int start) {
        if (lines.get(start).strip().equals(PythonTrace.TRACEBACK)
                && start + 1 < lines.size()
                && NUMBERED_FROM.matcher(lines.get(start + 1)).matches()) {
            return reversed(lines, start);
        }
        Matcher head = HEAD.matcher(lines.get(start));
        if (!head.matches()) {
            return Optional.empty();
        }
        List<String> appFrames = new ArrayList<>();
        int index = start + 1;
        int message = 0;
        while (index < lines.size()) {
            String line = lines.get(index);
            if (FROM.matcher(line).matches()) {
                if (AppFrames.isAppPath(line) && appFrames.size() < APP_FRAMES) {
                    appFrames.add(line);
                }
            } else if (!appFrames.isEmpty() || line.isBlank() || ++message > MESSAGE_LINES) {
                break;
            }
            index++;
        }
        return Optional.of(new Match(trace(head, lines.get(start), appFrames), index));
    }

    /** Ruby 2.5-2.7: the frames come first, outermost first, and the explaining line last. */
    private static Optional<Match> reversed(List<String> lines, int start) {
        List<String> appFrames = new ArrayList<>();
        int index = start + 1;
        while (index < lines.size() && NUMBERED_FROM.matcher(lines.get(index)).matches()) {
            if (AppFrames.isAppPath(lines.get(index))) {
                appFrames.add(lines.get(index));
            }
            index++;
        }
        if (index >= lines.size()) {
            return Optional.empty();
        }
        Matcher head = HEAD.matcher(lines.get(index));
        if (!head.matches()) {
            return Optional.empty();
        }
        List<String> nearest = appFrames.subList(Math.max(0, appFrames.size() - APP_FRAMES), appFrames.size());
        return Optional.of(new Match(trace(head, lines.get(index), nearest), index + 1));
    }

    private static FailureTrace trace(Matcher head, String headLine, List<String> appFrames) {
        List<String> shown = new ArrayList<>(List.of(headLine));
        shown.addAll(appFrames);
        return new FailureTrace("ruby", head.group(4) + " (" + head.group(5) + ")", shown);
    }
}
