package dev.backstop.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code Traceback (most recent call last):}, indented {@code File "…", line N, in f} frames with
 * their source lines, then the exception on the first line that is not indented. The frames run
 * from the outermost call to the innermost, so the app frames shown are the last ones.
 */
final class PythonTrace implements TraceShape {

    static final String TRACEBACK = "Traceback (most recent call last):";

    @Override
    public Optional<Match> at(List<String> lines, int start) {
        if (!lines.get(start).strip().equals(TRACEBACK)
                || start + 1 >= lines.size()
                || !lines.get(start + 1).stripLeading().startsWith("File \"")) {
            return Optional.empty();
        }
        List<String> appFrames = new ArrayList<>();
        int index = start + 1;
        while (index < lines.size() && isIndented(lines.get(index))) {
            String line = lines.get(index);
            if (line.stripLeading().startsWith("File \"") && AppFrames.isAppPath(line)) {
                appFrames.add(line);
            }
            index++;
        }
        if (index >= lines.size() || lines.get(index).isBlank()) {
            return Optional.empty();
        }
        String exception = lines.get(index);
        List<String> shown = new ArrayList<>(List.of(exception));
        shown.addAll(appFrames.subList(Math.max(0, appFrames.size() - APP_FRAMES), appFrames.size()));
        return Optional.of(new Match(new FailureTrace("python", exception.strip(), shown), index + 1));
    }

    private static boolean isIndented(String line) {
        return line.startsWith(" ") || line.startsWith("\t");
    }
}
