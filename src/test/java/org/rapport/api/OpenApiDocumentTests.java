package org.rapport.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.rapport.Api;
import org.rapport.RapportTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

@RapportTest
class OpenApiDocumentTests {

    @Autowired
    Api api;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyApiEndpointIsInTheOpenApiDocument() {
        JsonNode document = api.json(api.get(null, "/v3/api-docs"));
        assertThat(document.get("openapi").asString()).startsWith("3.1");
        JsonNode paths = document.get("paths");

        List<String> missing = new ArrayList<>();
        mappings.getHandlerMethods()
                .forEach((info, method) -> info.getPatternValues().stream()
                        .filter(pattern -> pattern.startsWith("/api/v1"))
                        .forEach(pattern -> info.getMethodsCondition()
                                .getMethods()
                                .forEach(verb -> {
                                    JsonNode path = paths.get(pattern);
                                    if (path == null || path.get(verb.name().toLowerCase(Locale.ROOT)) == null) {
                                        missing.add(verb + " " + pattern);
                                    }
                                })));

        assertThat(missing).isEmpty();
        assertThat(paths.properties()).hasSizeGreaterThan(15);
    }
}
