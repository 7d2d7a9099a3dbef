package dev.braid.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.or;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Tag;

/**
 * The layering rules of Braid, checked on the main classes of every module the distribution assembles (tests are
 * left out: integration tests in this module use the runtime on purpose). A broken rule fails the build and names the offending
 * dependency with its source line.
 */
@Tag("slow") // reads every module's classes: tens of seconds on a loaded machine
@AnalyzeClasses(packages = "dev.braid", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** Plugins see the API, the exported platform packages, the JDK and their own libraries: nothing else of Braid. */
    @ArchTest
    static final ArchRule pluginsUseOnlyTheApiAndThePlatform = classes().that().resideInAPackage("dev.braid.plugin..")
            .should().onlyDependOnClassesThat(or(resideOutsideOfPackage("dev.braid.."),
                    resideInAnyPackage("dev.braid.api..", "dev.braid.platform..", "dev.braid.plugin..")))
            .because("plugins depend on braid-api (and the exported platform services) only");

    /** One plugin never reaches into another's package. */
    @ArchTest
    static final ArchRule pluginsAreIndependent = slices().matching("dev.braid.plugin.(*)..").should()
            .notDependOnEachOther().because("each plugin is a bundle of its own that can be removed alone");

    /** The API is self-contained. */
    @ArchTest
    static final ArchRule apiImportsNothingElseOfBraid = classes().that().resideInAPackage("dev.braid.api..")
            .should().onlyDependOnClassesThat(or(resideOutsideOfPackage("dev.braid.."),
                    resideInAnyPackage("dev.braid.api..")))
            .because("core/api is the plugin contract and carries no runtime types");

    /** The runtime's packages form a directed acyclic graph. */
    @ArchTest
    static final ArchRule runtimePackagesAreFreeOfCycles = slices().matching("dev.braid.runtime.(*)..").should()
            .beFreeOfCycles();

    /** Benchmarks stay outside what ships. */
    @ArchTest
    static final ArchRule shippedCodeNeverImportsBenchCode = noClasses().that()
            .resideOutsideOfPackage("dev.braid.bench..").should().dependOnClassesThat()
            .resideInAPackage("dev.braid.bench..").because("bench code is never shipped");
}
