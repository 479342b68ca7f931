package dev.backstop.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.backstop.Json;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine.Model.CommandSpec;

/** Where a command prints its result: human lines, aligned tables or pretty JSON, to stdout. */
final class Output {

    private final PrintWriter out;

    Output(CommandSpec spec) {
        this.out = spec.commandLine().getOut();
    }

    void line(String text) {
        out.println(text);
        out.flush();
    }

    void table(Table table) {
        table.lines().forEach(out::println);
        out.flush();
    }

    void json(Object value) {
        try {
            out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
