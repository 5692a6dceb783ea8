package org.haven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.platform.commons.annotation.Testable;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Every compiled test class with test methods has a name the build runs. Surefire picks
 * classes by name only (its default includes, which Haven keeps), so a class of
 * {@code @Test} methods called {@code *Properties} or {@code *Checks} compiles, looks
 * fine and never runs. Failsafe's names count too once the build uses Failsafe.
 */
class TestDiscoveryTests {

	/**
	 * Surefire's default includes:
	 * {@code **}{@code /Test*.java, *Test.java, *Tests.java, *TestCase.java}.
	 */
	static final Pattern SUREFIRE = Pattern.compile("Test.*|.*Test|.*Tests|.*TestCase");

	/**
	 * Failsafe's default includes: {@code **}{@code /IT*.java, *IT.java, *ITCase.java}.
	 */
	static final Pattern FAILSAFE = Pattern.compile("IT.*|.*IT|.*ITCase");

	@Test
	void everyClassWithTestMethodsHasANameTheBuildRuns() throws Exception {
		Path classes = Path.of(TestDiscoveryTests.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		boolean failsafe = Files.readString(Path.of("pom.xml"))
			.contains("<artifactId>maven-failsafe-plugin</artifactId>");

		Set<String> withTests = classesWithTestMethods(classes);
		assertThat(withTests).as("test classes found under %s", classes).contains(TestDiscoveryTests.class.getName());
		List<String> neverRun = withTests.stream().filter(name -> !runs(simpleName(name), failsafe)).toList();

		assertThat(neverRun)
			.as("classes with test methods whose names match none of Surefire's includes%s: rename them (e.g. ...Tests)",
					failsafe ? " or Failsafe's" : "")
			.isEmpty();
	}

	@Test
	void theNamesMatchAsSurefireAndFailsafeMatchThem() {
		assertThat(List.of("SlotGenerationTests", "TestClock", "ClockTest", "ClockTestCase"))
			.allMatch(name -> runs(name, false));
		assertThat(List.of("SlotGenerationProperties", "ClockChecks", "ATestHelper", "CrashIT"))
			.noneMatch(name -> runs(name, false));
		assertThat(List.of("CrashIT", "ITCrash", "CrashITCase")).allMatch(name -> runs(name, true));
	}

	static boolean runs(String simpleName, boolean failsafe) {
		return SUREFIRE.matcher(simpleName).matches() || (failsafe && FAILSAFE.matcher(simpleName).matches());
	}

	/**
	 * Top-level classes that declare or inherit a test method, or hold a nested class
	 * that does.
	 */
	static Set<String> classesWithTestMethods(Path classes) throws IOException {
		Set<String> found = new TreeSet<>();
		try (Stream<Path> files = Files.walk(classes)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
				String name = classes.relativize(file)
					.toString()
					.replace(file.getFileSystem().getSeparator(), ".")
					.replaceAll("\\.class$", "");
				Class<?> type = load(name);
				if (type != null && !Modifier.isAbstract(type.getModifiers()) && hasTestMethods(type)) {
					// Surefire runs a nested class through its outer one (and skips names
					// with '$').
					found.add(name.contains("$") ? name.substring(0, name.indexOf('$')) : name);
				}
			}
		}
		return found;
	}

	private static boolean hasTestMethods(Class<?> type) {
		for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
			for (Method method : c.getDeclaredMethods()) {
				// @Test, @ParameterizedTest, @RepeatedTest, @TestFactory and
				// @TestTemplate all carry @Testable.
				if (AnnotationSupport.isAnnotated(method, Testable.class)) {
					return true;
				}
			}
		}
		return false;
	}

	private static Class<?> load(String name) {
		try {
			// Not initialised: a class's static set-up (seeded scenarios, a server) must
			// not run here.
			return Class.forName(name, false, TestDiscoveryTests.class.getClassLoader());
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return null;
		}
	}

	private static String simpleName(String name) {
		return name.substring(name.lastIndexOf('.') + 1);
	}

}
