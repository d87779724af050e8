package org.ortc4j.examples;

import java.util.Locale;

/**
 * The text of a report: indented lines and {@code name  value} fields whose values line up, so
 * that the reports read as tables without a table library.
 */
final class ReportText {

    private static final String INDENT = "  ";
    private static final int NAME_WIDTH = 18;

    private final StringBuilder text = new StringBuilder();
    private int depth;

    /** Appends {@code line} at the current indentation. */
    ReportText line(String line) {
        text.append(INDENT.repeat(depth)).append(line).append('\n');
        return this;
    }

    /** Appends {@code name} and {@code value}, the value in a column. */
    ReportText field(String name, String value) {
        return line(String.format(Locale.ROOT, "%-" + NAME_WIDTH + "s %s", name, value).stripTrailing());
    }

    /** Appends an empty line. */
    ReportText blank() {
        text.append('\n');
        return this;
    }

    /** Indents the lines that follow one step deeper. */
    ReportText indent() {
        depth++;
        return this;
    }

    /** Undoes one {@link #indent()}. */
    ReportText outdent() {
        if (depth > 0) {
            depth--;
        }
        return this;
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
