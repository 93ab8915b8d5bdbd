package org.rapport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.junit.jupiter.api.Test;

/** The rules of DESIGN.md that Spring Modulith does not check. */
class ArchitectureRulesTests {

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.rapport");

    @Test
    void sharedKernelHasNoSpring() {
        noClasses()
                .that()
                .resideInAPackage("org.rapport.shared..")
                .and()
                .doNotHaveSimpleName("package-info")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "jakarta..")
                .check(CLASSES);
    }

    @Test
    void domainModulesHaveNoWebTypes() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "org.rapport.customer..",
                        "org.rapport.agent..",
                        "org.rapport.ticket..",
                        "org.rapport.files..",
                        "org.rapport.shared..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework.web..", "org.springframework.http..", "jakarta.servlet..")
                .check(CLASSES);
    }

    @Test
    void noFieldInjection() {
        noFields()
                .should()
                .beAnnotatedWith(org.springframework.beans.factory.annotation.Autowired.class)
                .check(CLASSES);
    }

    @Test
    void noSystemOutOutsideTheCommandLine() {
        noClasses()
                .that()
                .resideOutsideOfPackage("org.rapport")
                .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
                .check(CLASSES);
    }

    @Test
    void noClassNamedImplManagerHelperOrUtil() {
        noClasses()
                .should()
                .haveSimpleNameEndingWith("Impl")
                .orShould()
                .haveSimpleNameEndingWith("Manager")
                .orShould()
                .haveSimpleNameEndingWith("Helper")
                .orShould()
                .haveSimpleNameEndingWith("Util")
                .orShould()
                .haveSimpleNameEndingWith("Utils")
                .check(CLASSES);
    }
}
