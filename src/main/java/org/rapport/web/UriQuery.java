package org.rapport.web;

import java.util.List;
import java.util.Map;
import org.springframework.web.util.UriComponentsBuilder;

/** A stored query string back into parameters, decoded as a browser would send them. */
final class UriQuery {

    private UriQuery() {}

    static Map<String, List<String>> parse(String query) {
        return UriComponentsBuilder.fromUriString("/?" + query).build(true).getQueryParams().entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(
                        Map.Entry::getKey,
                        e -> e.getValue().stream()
                                .map(v -> v == null
                                        ? ""
                                        : java.net.URLDecoder.decode(v, java.nio.charset.StandardCharsets.UTF_8))
                                .toList()));
    }
}
