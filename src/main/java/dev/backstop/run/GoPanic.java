package dev.backstop.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Go {@code panic: …} or {@code fatal error: …}, then goroutine stacks: a function line and a
 * tab-indented {@code /path/file.go:12 +0x1d} line per frame. Frames of the runtime, the standard
 * library and the module cache are not the app's.
 */
final class GoPanic implements TraceShape {

    private static final Pattern HEAD = Pattern.compile("^(panic|fatal error): .+$");
    private static final Pattern GOROUTINE = Pattern.compile("^goroutine \\d+ \\[.*]:$");
    private static final Pattern FILE = Pattern.compile("^\\t\\S+\\.go:\\d+( \\+0x\\p{XDigit}+)?$");

    @Override
    public Optional<Match> at(List<String> lines, int start) {
        String head = lines.get(start);
        if (!HEAD.matcher(head).matches()) {
            return Optional.empty();
        }
        List<String> shown = new ArrayList<>(List.of(head));
        int appFrames = 0;
        int index = start + 1;
        while (index < lines.size() && isPartOfTrace(lines.get(index))) {
            String line = lines.get(index);
            boolean frame = index + 1 < lines.size()
                    && FILE.matcher(lines.get(index + 1)).matches();
            if (frame && appFrames < APP_FRAMES && isApp(line, lines.get(index + 1))) {
                shown.add(line);
                shown.add(lines.get(index + 1));
                appFrames++;
            }
            index += frame ? 2 : 1;
        }
        return Optional.of(new Match(new FailureTrace("go", head.strip(), shown), index));
    }

    private static boolean isPartOfTrace(String line) {
        return line.isBlank()
                || line.startsWith("\t")
                || line.startsWith("[")
                || line.startsWith("created by ")
                || GOROUTINE.matcher(line).matches()
                || line.endsWith(")")
                || line.endsWith("...");
    }

    private static boolean isApp(String function, String file) {
        return !function.startsWith("runtime.") && !function.startsWith("panic(") && AppFrames.isAppPath(file);
    }
}
