package org.rapport.shared;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The rule files' format (cues, reply rules): one entry per line, tab-separated fields starting with a label;
 * blank lines and lines starting with '#' are comments.
 */
public final class LabelledLines {

    /** One entry: its line number (for error messages) and its fields, stripped. */
    public record Line(int number, List<String> fields) {

        public String field(int k) {
            return k < fields.size() ? fields.get(k) : "";
        }
    }

    private LabelledLines() {}

    /**
     * The entries of {@code in}. An entry with fewer than two fields is refused, naming {@code name}, the line
     * and {@code expected}.
     */
    public static List<Line> read(InputStream in, String name, String expected) throws IOException {
        List<Line> lines = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String text;
        int number = 0;
        while ((text = reader.readLine()) != null) {
            number++;
            if (text.isBlank() || text.startsWith("#")) {
                continue;
            }
            String[] fields = text.split("\t");
            if (fields.length < 2) {
                throw new IllegalArgumentException(name + " line " + number + ": " + expected + " expected");
            }
            List<String> stripped = new ArrayList<>(fields.length);
            for (String field : fields) {
                stripped.add(field.strip());
            }
            lines.add(new Line(number, List.copyOf(stripped)));
        }
        return lines;
    }
}
