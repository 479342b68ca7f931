package dev.backstop.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine;

/** One command line run in-process through {@link Main#commandLine()}, with what it printed. */
record Cli(int exitCode, String out, String err) {

    static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Cli(exitCode, out.toString(), err.toString());
    }

    /** Runs {@code args} with {@code --config file} appended. */
    static Cli withConfig(Path file, String... args) {
        return run(Stream.concat(Arrays.stream(args), Stream.of("--config", file.toString()))
                .toArray(String[]::new));
    }

    /** Writes the config of app {@code shop} with {@code backstop init}; its root and data are {@code dir}. */
    static Path init(Path dir) {
        Cli init = run("init", dir.toString(), "--app", "shop");
        if (init.exitCode() != 0) {
            throw new AssertionError("backstop init failed: " + init);
        }
        return dir.resolve("backstop.yml");
    }

    /** Replaces the line starting with {@code prefix} and returns its 1-based number. */
    static int replaceLine(Path file, String prefix, String replacement) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        for (int index = 0; index < lines.size(); index++) {
            if (lines.get(index).startsWith(prefix)) {
                lines.set(index, replacement + lines.get(index).substring(prefix.length()));
                Files.write(file, lines);
                return index + 1;
            }
        }
        throw new AssertionError("no line starts with '" + prefix + "' in " + file);
    }
}
