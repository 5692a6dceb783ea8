package org.haven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The module structure of DESIGN.md holds (no cycles, no reaching into another module's
 * internals).
 */
class ModularityTests {

	/**
	 * Generated, so under target/: tracked, every run and every module change rewrote
	 * them (docs/modules/README.md).
	 */
	private static final Path DOCS = Path.of("target/modules");

	private final ApplicationModules modules = ApplicationModules.of(HavenApplication.class);

	@Test
	void modulesRespectTheirBoundaries() {
		modules.verify();
	}

	/**
	 * A module that names no dependencies may depend on anything: every module says which
	 * others it uses, so a new dependency is a visible decision.
	 */
	@Test
	void everyModuleDeclaresItsDependencies() throws ClassNotFoundException {
		List<String> undeclared = new ArrayList<>();
		for (var module : modules) {
			String name = module.getBasePackage().getName();
			ApplicationModule declaration = Class.forName(name + ".package-info")
				.getAnnotation(ApplicationModule.class);
			boolean open = declaration != null && declaration.type() == ApplicationModule.Type.OPEN;
			if (!open && (declaration == null || declaration.allowedDependencies().length == 0)) {
				undeclared.add(name);
			}
		}
		assertThat(undeclared).isEmpty();
		assertThat(modules.stream().count()).isGreaterThanOrEqualTo(9);
	}

	@Test
	void writesModuleDocumentation() throws IOException {
		new Documenter(modules, Documenter.Options.defaults().withOutputFolder(DOCS.toString())).writeDocumentation();
		// The documenter writes relations in a different order on every run; sorted, two
		// builds compare.
		try (Stream<Path> files = Files.list(DOCS)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".puml")).toList()) {
				Files.write(file, sortedRelations(Files.readAllLines(file)));
			}
		}
	}

	/**
	 * Sorts each run of consecutive {@code Rel(...)} lines, leaving everything else where
	 * it is.
	 */
	static List<String> sortedRelations(List<String> lines) {
		List<String> result = new ArrayList<>();
		List<String> run = new ArrayList<>();
		for (String line : lines) {
			if (line.startsWith("Rel(")) {
				run.add(line);
				continue;
			}
			run.sort(null);
			result.addAll(run);
			run.clear();
			result.add(line);
		}
		run.sort(null);
		result.addAll(run);
		return result;
	}

}
