package org.rapport.shared;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Tags on tickets and customers: lower-case words of letters, digits, '-', '_' or '.', at most 50. */
public final class Tags {

    public static final int MAX_TAGS = 50;
    private static final Pattern SHAPE = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}_.-]{0,49}");

    private Tags() {}

    public static String normalise(String tag) {
        String normal = tag == null ? "" : tag.trim().toLowerCase(Locale.ROOT);
        if (!SHAPE.matcher(normal).matches()) {
            throw new InvalidValueException(
                    "tags",
                    "'" + Texts.abbreviate(normal, 60) + "' is not a tag: use 1–50 letters, digits, '-', '_' or '.'");
        }
        return normal;
    }

    public static List<String> normalise(Collection<String> tags) {
        Set<String> normal = new LinkedHashSet<>();
        for (String tag : tags) {
            normal.add(normalise(tag));
        }
        if (normal.size() > MAX_TAGS) {
            throw new InvalidValueException("tags", "at most " + MAX_TAGS + " tags");
        }
        return List.copyOf(normal);
    }
}
