package org.rapport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

/** The module structure of DESIGN.md, kept honest; also regenerates the diagram in docs/architecture.md. */
class ModularityTests {

    static final ApplicationModules MODULES = ApplicationModules.of(RapportApplication.class);

    @Test
    void modulesAreTheOnesDesigned() {
        assertThat(MODULES.stream().map(ApplicationModule::getIdentifier).map(Object::toString))
                .containsExactlyInAnyOrder(
                        "shared",
                        "analysis",
                        "files",
                        "customer",
                        "agent",
                        "ticket",
                        "access",
                        "api",
                        "web",
                        "demo",
                        "mail",
                        "email",
                        "wellbeing",
                        "guidance");
    }

    @Test
    void dependenciesFollowTheRules() {
        MODULES.verify();
    }

    @Test
    void architectureDocumentShowsTheCurrentModuleGraph() throws IOException {
        String graph = MODULES.stream()
                .sorted(java.util.Comparator.comparing(m -> m.getIdentifier().toString()))
                .flatMap(module -> module.getDirectDependencies(MODULES).stream()
                        .map(dependency -> "    " + module.getIdentifier() + " --> "
                                + dependency.getTargetModule().getIdentifier())
                        .distinct())
                .sorted()
                .collect(Collectors.joining("\n"));
        String diagram =
                "<!-- module-graph:start -->\n```mermaid\nflowchart TD\n" + graph + "\n```\n<!-- module-graph:end -->";
        Path document = Path.of("docs/architecture.md");
        String text = Files.readString(document);
        String updated = text.replaceAll(
                "(?s)<!-- module-graph:start -->.*<!-- module-graph:end -->",
                java.util.regex.Matcher.quoteReplacement(diagram));
        if (!updated.equals(text)) {
            Files.writeString(document, updated);
        }
        assertThat(Files.readString(document)).contains(diagram);
    }
}
