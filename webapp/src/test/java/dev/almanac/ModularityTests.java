package dev.almanac;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.modulith.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.Violations;
import org.springframework.modulith.docs.Documenter;

class ModularityTests {

    /**
     * The app's features; processes, forms, workers and projection are libraries of their own Maven
     * modules.
     */
    static final ApplicationModules MODULES =
            ApplicationModules.of(
                    AlmanacApplication.class,
                    resideInAnyPackage(
                            "dev.almanac.processes..",
                            "dev.almanac.workers..",
                            "dev.almanac.projection..",
                            "dev.almanac.forms.."));

    @Test
    void modulesUseOnlyTheDeclaredDependenciesAndEachOthersApi() {
        MODULES.verify();
    }

    @Test
    void everyFeatureIsAModuleThatDeclaresWhatItMayUse() {
        assertThat(MODULES.stream().map(module -> module.getBasePackage().getName()))
                .contains(
                        "dev.almanac.releases",
                        "dev.almanac.schedule",
                        "dev.almanac.calendar",
                        "dev.almanac.scenarios",
                        "dev.almanac.capacity",
                        "dev.almanac.dependencies",
                        "dev.almanac.planning",
                        "dev.almanac.communications",
                        "dev.almanac.governance",
                        "dev.almanac.pipelines",
                        "dev.almanac.identity",
                        "dev.almanac.automation",
                        "dev.almanac.demo");
        MODULES.forEach(
                module -> {
                    ApplicationModule declared = declaration(module.getBasePackage().getName());
                    assertThat(declared)
                            .as(
                                    "%s has a package-info.java with @ApplicationModule",
                                    module.getName())
                            .isNotNull();
                    assertThat(declared.allowedDependencies())
                            .as("%s declares what it may use", module.getName())
                            .doesNotContain(ApplicationModule.OPEN_TOKEN);
                });
    }

    private static ApplicationModule declaration(String basePackage) {
        try {
            return Class.forName(basePackage + ".package-info")
                    .getAnnotation(ApplicationModule.class);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    /**
     * Writes the module diagrams into docs/modules, so the picture in the repository is the code's.
     * The writer orders some lines differently from run to run; a diagram whose lines did not
     * change keeps its file as it was, so only a real change shows in git.
     */
    @Test
    void writesTheModuleDiagramsIntoTheDocs() throws IOException {
        Path docs = Path.of("..", "docs", "modules");
        Map<Path, String> before = new HashMap<>();
        if (Files.isDirectory(docs)) {
            try (Stream<Path> files = Files.list(docs)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    before.put(file.getFileName(), Files.readString(file));
                }
            }
        }
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(docs.toString()))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml();
        for (Map.Entry<Path, String> old : before.entrySet()) {
            Path file = docs.resolve(old.getKey());
            if (Files.exists(file)
                    && sortedLines(Files.readString(file)).equals(sortedLines(old.getValue()))) {
                Files.writeString(file, old.getValue());
            }
        }
        assertThat(docs.resolve("components.puml"))
                .exists()
                .content()
                .contains("Releases", "Schedule");
    }

    private static List<String> sortedLines(String text) {
        return text.lines().sorted().toList();
    }

    @Test
    void aModuleReachingIntoAnotherModulesInternalPackageIsReported(@TempDir Path classes)
            throws Exception {
        ApplicationModules leaky =
                withFixtureClasses(
                        classes, () -> ApplicationModules.of("fixtures.modularity.leaky"));
        assertThat(leaky.stream().map(module -> module.getName()))
                .containsExactlyInAnyOrder("alpha", "beta");
        assertThatThrownBy(leaky::verify)
                .isInstanceOf(Violations.class)
                .hasMessageContaining("fixtures.modularity.leaky.alpha.Alpha")
                .hasMessageContaining("fixtures.modularity.leaky.beta.internal.BetaRow");
    }

    @Test
    void aModuleUsingOnlyAnotherModulesApiPasses(@TempDir Path classes) throws Exception {
        ApplicationModules clean =
                withFixtureClasses(
                        classes, () -> ApplicationModules.of("fixtures.modularity.clean"));
        assertThat(clean.stream().map(module -> module.getName()))
                .containsExactlyInAnyOrder("alpha", "beta");
        assertThatCode(clean::verify).doesNotThrowAnyException();
    }

    /**
     * Spring Modulith ignores classes compiled from test sources, so the fixtures are copied out of
     * target/test-classes and loaded from there, as main classes would be.
     */
    private static <T> T withFixtureClasses(Path target, Callable<T> check) throws Exception {
        Path compiled = testClasses().resolve("fixtures");
        try (Stream<Path> files = Files.walk(compiled)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path copy =
                        target.resolve("fixtures").resolve(compiled.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {target.toUri().toURL()}, previous)) {
            thread.setContextClassLoader(loader);
            return check.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static Path testClasses() throws URISyntaxException {
        return Path.of(
                ModularityTests.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
