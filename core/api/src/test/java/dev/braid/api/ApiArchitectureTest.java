package dev.braid.api;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The API's packages form no cycle: each can be versioned and read without the ones above it. */
class ApiArchitectureTest {

    private static final JavaClasses API = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.braid.api");

    @Test
    void apiPackagesAreFreeOfCycles() {
        slices().matching("dev.braid.api.(*)..").should().beFreeOfCycles().check(API);
    }
}
