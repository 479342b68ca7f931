package dev.backstop.timeline;

import java.util.ArrayList;
import java.util.List;

/**
 * A GitHub-flavoured markdown table whose cells may hold any text: pipes, newlines and angle
 * brackets in event messages must not break the table or vanish as HTML. Not thread-safe; build,
 * then {@link #toString()}.
 */
final class MarkdownTable {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    MarkdownTable(String... header) {
        this.header = List.of(header);
    }

    MarkdownTable row(String... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException(cells.length + " cells for " + header.size() + " columns");
        }
        rows.add(List.of(cells));
        return this;
    }

    /** One cell's text made safe for a table: {@code a|b} reads {@code a\|b}, line breaks become {@code <br>}. */
    static String cell(String text) {
        return text.strip()
                .replace("\\", "\\\\")
                .replace("|", "\\|")
                .replace("<", "&lt;")
                .replace("\r\n", "<br>")
                .replace("\n", "<br>")
                .replace("\r", "<br>");
    }

    @Override
    public String toString() {
        StringBuilder table = new StringBuilder();
        line(table, header);
        line(table, header.stream().map(column -> "---").toList());
        rows.forEach(row -> line(table, row));
        return table.toString();
    }

    private static void line(StringBuilder table, List<String> cells) {
        table.append('|');
        cells.forEach(cell -> table.append(' ').append(cell(cell)).append(" |"));
        table.append('\n');
    }
}
