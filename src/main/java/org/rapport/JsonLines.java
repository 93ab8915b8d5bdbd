package org.rapport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The offline commands' shape: one JSON object per input line, one JSON result per output line carrying
 * the line's {@code id}. A line that cannot be read answers {@code {"id":…,"error":…}} and the exit code
 * becomes 2; the other lines are still answered.
 */
final class JsonLines {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** What to do with one line: put the answer's fields into {@code result}; throw to report an error. */
    interface Each {
        void answer(JsonNode line, Map<String, Object> result);
    }

    private JsonLines() {}

    static int run(BufferedReader in, PrintStream out, Each each) throws IOException {
        int exit = 0;
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            Map<String, Object> result = new LinkedHashMap<>();
            try {
                JsonNode node = JSON.readTree(line);
                result.put("id", node.has("id") ? JSON.treeToValue(node.get("id"), Object.class) : null);
                each.answer(node, result);
            } catch (RuntimeException e) {
                result.putIfAbsent("id", null);
                result.put("error", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                exit = 2;
            }
            out.println(JSON.writeValueAsString(result));
        }
        out.flush();
        return exit;
    }

    /** A string field: absent or null gives null (or an error when required), another type an error. */
    static String text(JsonNode node, String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new IllegalArgumentException("each line needs a \"" + field + "\" string");
            }
            return null;
        }
        if (!value.isString()) {
            throw new IllegalArgumentException("\"" + field + "\" must be a string");
        }
        return value.asString();
    }
}
