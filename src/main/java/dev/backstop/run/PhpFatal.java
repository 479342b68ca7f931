package dev.backstop.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PHP's {@code PHP Fatal error:  Uncaught Exception: message in /path/file.php:3}, then
 * {@code Stack trace:} and numbered {@code #0 /path/file.php(7): fn()} frames, then
 * {@code thrown in … on line 3}. Frames under {@code vendor/} are not the app's.
 */
final class PhpFatal implements TraceShape {

    private static final Pattern HEAD =
            Pattern.compile("^(PHP )?(Fatal error|Parse error|Catchable fatal error): +(.+)$");
    private static final Pattern FRAME = Pattern.compile("^(PHP )?\\s*#\\d+ (.+)$");
    private static final Pattern TRAILER = Pattern.compile("^(PHP )?(\\s+thrown in .*|Stack trace:)$");

    @Override
    public Optional<Match> at(List<String> lines, int start) {
        Matcher head = HEAD.matcher(lines.get(start));
        if (!head.matches()) {
            return Optional.empty();
        }
        List<String> shown = new ArrayList<>(List.of(lines.get(start)));
        int appFrames = 0;
        int index = start + 1;
        while (index < lines.size()) {
            Matcher frame = FRAME.matcher(lines.get(index));
            if (frame.matches()) {
                if (appFrames < APP_FRAMES
                        && !frame.group(2).startsWith("{main}")
                        && AppFrames.isAppPath(frame.group(2))) {
                    shown.add(lines.get(index));
                    appFrames++;
                }
            } else if (!TRAILER.matcher(lines.get(index)).matches()) {
                break;
            }
            index++;
        }
        return Optional.of(new Match(new FailureTrace("php", head.group(3).strip(), shown), index));
    }
}
