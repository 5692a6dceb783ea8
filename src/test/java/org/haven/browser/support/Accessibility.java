package org.haven.browser.support;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.openqa.selenium.WebDriver;

/**
 * Runs axe-core (Deque, bundled in {@code com.deque.html.axe-core:selenium}, so nothing
 * is fetched) against the page currently loaded in a browser, checking WCAG 2.0/2.1/2.2 A
 * and AA.
 */
public final class Accessibility {

	private static final List<String> WCAG_TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

	private static final Set<String> FAILING_IMPACTS = Set.of("serious", "critical");

	private static final int NODES_SHOWN = 3;

	private Accessibility() {
	}

	/**
	 * Fails with an {@link AssertionError} if axe reports any serious or critical
	 * violation on the page the driver shows now.
	 * @param pageName names the page in the failure message
	 */
	public static void assertNoSeriousViolations(WebDriver driver, String pageName) {
		check(driver, pageName, new AxeBuilder().withTags(WCAG_TAGS));
	}

	/**
	 * Only the rules about colour (text contrast, links told apart from text): for a page
	 * already checked in full, seen again in the other colour theme, which changes
	 * colours and nothing else.
	 */
	public static void assertNoSeriousColourViolations(WebDriver driver, String pageName) {
		check(driver, pageName, new AxeBuilder().withOnlyRules(List.of("color-contrast", "link-in-text-block")));
	}

	private static void check(WebDriver driver, String pageName, AxeBuilder axe) {
		Results results = axe.analyze(driver);
		if (results.isErrored()) {
			throw new AssertionError(pageName + ": axe-core did not complete: " + results.getErrorMessage());
		}

		List<Rule> failing = results.getViolations()
			.stream()
			.filter(rule -> rule.getImpact() != null && FAILING_IMPACTS.contains(rule.getImpact()))
			.toList();
		if (failing.isEmpty()) {
			return;
		}

		StringBuilder message = new StringBuilder().append(pageName)
			.append(": ")
			.append(failing.size())
			.append(" serious/critical accessibility violation(s) at ")
			.append(results.getUrl());
		for (Rule rule : failing) {
			message.append(System.lineSeparator())
				.append("- ")
				.append(rule.getId())
				.append(" [")
				.append(rule.getImpact())
				.append("] ")
				.append(rule.getHelp())
				.append(" (")
				.append(rule.getHelpUrl())
				.append(')');
			List<CheckedNode> nodes = rule.getNodes() == null ? List.of() : rule.getNodes();
			for (CheckedNode node : nodes.subList(0, Math.min(NODES_SHOWN, nodes.size()))) {
				message.append(System.lineSeparator())
					.append("    ")
					.append(target(node.getTarget()))
					.append("  |  ")
					.append(snippet(node.getHtml()));
			}
			if (nodes.size() > NODES_SHOWN) {
				message.append(System.lineSeparator())
					.append("    ... and ")
					.append(nodes.size() - NODES_SHOWN)
					.append(" more");
			}
		}
		throw new AssertionError(message.toString());
	}

	/**
	 * axe gives a target as a list of selectors (one per frame or shadow root), nested
	 * lists for shadow DOM.
	 */
	private static String target(Object target) {
		if (target instanceof List<?> parts) {
			return parts.stream().map(Accessibility::target).collect(Collectors.joining(" >> "));
		}
		return String.valueOf(target);
	}

	private static String snippet(String html) {
		if (html == null) {
			return "";
		}
		String flat = html.replaceAll("\\s+", " ").trim();
		return flat.length() > 200 ? flat.substring(0, 200) + "..." : flat;
	}

}
