package org.rapport.api;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Parses enum query parameters in their lower-case wire form, with a precise error. */
final class Enums {

    private Enums() {}

    static <E extends Enum<E>> Set<E> parse(Class<E> type, List<String> values, String field) {
        EnumSet<E> result = EnumSet.noneOf(type);
        if (values == null) {
            return result;
        }
        for (String value : values) {
            for (String part : value.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                try {
                    result.add(Enum.valueOf(
                            type, part.trim().toUpperCase(Locale.ROOT).replace('-', '_')));
                } catch (IllegalArgumentException e) {
                    throw ApiException.badRequest(
                            field,
                            "'" + field + "' must be one of "
                                    + Arrays.stream(type.getEnumConstants())
                                            .map(c -> c.name().toLowerCase(Locale.ROOT))
                                            .toList()
                                    + ".");
                }
            }
        }
        return result;
    }
}
