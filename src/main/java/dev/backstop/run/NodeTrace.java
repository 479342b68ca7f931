package dev.backstop.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Node error: {@code TypeError: message} (a few lines such as {@code Require stack:} may follow)
 * then four-space-indented {@code at fn (path:line:col)} frames, where frames from
 * {@code node:internal} and {@code node_modules} are not the app's.
 */
final class NodeTrace implements TraceShape {

    private static final Pattern HEAD = Pattern.compile("^(Uncaught )?[\\w.$]*(Error|Exception)\\b( \\[\\w+])?(:.*)?$");
    private static final Pattern FRAME = Pattern.compile("^\\s+at \\S.*$");
    /** Lines allowed between the error line and its first frame ({@code Require stack:} and its list). */
    private static final int BEFORE_FRAMES = 6;

    @Override
    public Optional<Match> at(List<String> lines, int start) {
        String head = lines.get(start);
        if (!HEAD.matcher(head).matches()) {
            return Optional.empty();
        }
        int index = start + 1;
        while (index < lines.size() && index <= start + BEFORE_FRAMES && !isFrame(lines.get(index))) {
            if (lines.get(index).isBlank()) {
                return Optional.empty();
            }
            index++;
        }
        if (index >= lines.size() || !isFrame(lines.get(index))) {
            return Optional.empty();
        }
        List<String> shown = new ArrayList<>(List.of(head));
        int appFrames = 0;
        for (; index < lines.size() && isFrame(lines.get(index)); index++) {
            if (appFrames < APP_FRAMES && AppFrames.isAppPath(lines.get(index))) {
                shown.add(lines.get(index));
                appFrames++;
            }
        }
        return Optional.of(new Match(new FailureTrace("node", head.strip(), shown), index));
    }

    private static boolean isFrame(String line) {
        return FRAME.matcher(line).matches() && !JvmTrace.FRAME.matcher(line).matches();
    }
}
