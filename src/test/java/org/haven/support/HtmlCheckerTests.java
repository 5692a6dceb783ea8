package org.haven.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.haven.support.HtmlChecker.Finding;
import org.junit.jupiter.api.Test;

/**
 * The in-process checker finds what validator.w3.org/nu finds, and nothing in a valid
 * page.
 */
class HtmlCheckerTests {

	private static final String PAGE = """
			<!DOCTYPE html>
			<html lang="en">
			<head><meta charset="utf-8"><title>Haven</title></head>
			<body><main><h1>Haven</h1>%s</main></body>
			</html>
			""";

	@Test
	void aValidPageHasNoErrors() {
		assertThat(errors("""
				<form method="post"><label for="d">Day</label><input id="d" name="d" type="date">
				<label for="a">Address</label><textarea id="a" name="a" autocomplete="street-address"></textarea>
				<button>Save</button></form>
				<p>Sent <time datetime="2026-12-04T17:46:57Z">today</time></p>""")).isEmpty();
	}

	@Test
	void findsTheErrorsHavenHad() {
		assertThat(errors("<label for=\"d\">Day</label><input id=\"d\" type=\"date\" maxlength=\"400\">"))
			.singleElement()
			.asString()
			.contains("maxlength");
		assertThat(errors("<p><time datetime=\"2026-12-04T17:46:57.123456Z\">today</time></p>")).singleElement()
			.asString()
			.contains("datetime");
		assertThat(errors("<label for=\"a\">Address</label><input id=\"a\" autocomplete=\"street-address\">"))
			.singleElement()
			.asString()
			.contains("autocomplete");
	}

	@Test
	void reportsTheLineOfAnError() {
		List<Finding> found = HtmlChecker.shared().check(PAGE.formatted("\n\n<p><span><div>x</div></span></p>"));
		assertThat(found).filteredOn(Finding::isError).isNotEmpty().allSatisfy(f -> assertThat(f.line()).isEqualTo(6));
	}

	private static List<String> errors(String body) {
		return HtmlChecker.shared()
			.check(PAGE.formatted(body))
			.stream()
			.filter(Finding::isError)
			.map(Finding::message)
			.toList();
	}

}
