package org.haven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
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
