package org.haven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * A module's tests build other modules' state through those modules' fixtures
 * ({@code identity.TestAccounts}, {@code directory.TestProfiles}, {@code care.TestCare},
 * {@code scheduling.TestPractice}, {@code messaging.ChatFixture},
 * {@code messaging.TestMessages} and {@code texting.TestSmsc}), never through their
 * {@code internal} classes: then an internal class can be renamed, split or made
 * package-private by changing its own module's tests only. Tests outside every module
 * ({@code web}, {@code browser}, {@code support}, {@code demo}) count as other modules'
 * tests.
 */
class FixtureBoundaryTests {

	static final Path TESTS = Path.of("src/test/java/org/haven");

	static final Pattern INTERNAL = Pattern.compile("org\\.haven\\.([a-z]+)\\.internal\\.[A-Z]\\w*");

	@Test
	void testsReachIntoNoOtherModulesInternals() throws IOException {
		List<String> reaches;
		try (Stream<Path> files = Files.walk(TESTS)) {
			reaches = files.filter(file -> file.toString().endsWith(".java"))
				.flatMap(FixtureBoundaryTests::otherModulesInternals)
				.toList();
		}
		assertThat(reaches).as("uses of another module's internals: build through its fixture instead").isEmpty();
	}

	@Test
	void aModulesOwnInternalsAreNotReported() {
		// Spelled in two parts so that this file does not report itself.
		String availability = "org.haven.scheduling" + ".internal.Availability";
		String store = "org.haven.messaging" + ".internal.ConversationStore";
		assertThat(reachesIn("org/haven/scheduling/TestPractice.java", "import " + availability + ";")).isEmpty();
		assertThat(reachesIn("org/haven/web/SomeIntegrationTests.java", "import " + availability + ";"))
			.containsExactly("org/haven/web/SomeIntegrationTests.java: " + availability);
		assertThat(reachesIn("org/haven/visits/SomeIntegrationTests.java", "context.getBean(" + store + ".class)"))
			.containsExactly("org/haven/visits/SomeIntegrationTests.java: " + store);
	}

	private static Stream<String> otherModulesInternals(Path file) {
		try {
			return reachesIn(TESTS.getParent().getParent().relativize(file).toString().replace('\\', '/'),
					Files.readString(file))
				.stream();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** {@code path} starts at {@code org/haven}; its third segment names the module. */
	static List<String> reachesIn(String path, String source) {
		String module = path.split("/")[2];
		Matcher matcher = INTERNAL.matcher(source);
		return matcher.results()
			.filter(match -> !match.group(1).equals(module))
			.map(match -> path + ": " + match.group())
			.distinct()
			.toList();
	}

}
