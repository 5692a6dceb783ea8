package org.haven.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.haven.support.HtmlChecker.Finding;

/**
 * Checks served pages with the Nu Html Checker, once per method and path in a JVM (the
 * same page with other data is rarely different markup, and the suite stays fast), and
 * says which pages have errors. Warnings are printed (each kind once), not failed on.
 */
public final class MarkupCheck {

	private static final Set<String> checked = ConcurrentHashMap.newKeySet();

	private static final Set<String> warned = ConcurrentHashMap.newKeySet();

	private static final AtomicInteger pagesWithErrors = new AtomicInteger();

	private static final AtomicInteger errors = new AtomicInteger();

	private static final AtomicInteger warnings = new AtomicInteger();

	private MarkupCheck() {
	}

	/**
	 * One line per error, naming the page; empty when every page not checked before is
	 * valid.
	 */
	public static List<String> errorsIn(List<ServedDocuments.Document> documents) {
		List<String> found = new ArrayList<>();
		for (ServedDocuments.Document document : documents) {
			String page = document.method() + " " + document.path();
			if (checked.add(page)) {
				found.addAll(errorsIn(page + " (" + document.status() + ")", document.html()));
			}
		}
		return found;
	}

	/** One line per error of one page, named {@code page}; prints its warnings. */
	public static List<String> errorsIn(String page, String html) {
		List<String> found = new ArrayList<>();
		for (Finding finding : HtmlChecker.shared().check(html)) {
			String line = page + " " + finding;
			if (finding.isError()) {
				found.add(line);
			}
			else {
				// Each kind of warning once per JVM: one line of a shared layout would
				// repeat on every page.
				if (warned.add(finding.message())) {
					System.out.println("Markup " + line);
				}
				warnings.incrementAndGet();
			}
		}
		errors.addAndGet(found.size());
		if (!found.isEmpty()) {
			pagesWithErrors.incrementAndGet();
		}
		return found;
	}

	/** What the checker found in this JVM so far, and what it cost. */
	public static String summary() {
		HtmlChecker checker = HtmlChecker.shared();
		return "Markup: " + checker.documentsChecked() + " pages checked, " + errors + " errors on " + pagesWithErrors
				+ " pages, " + warnings + " warnings, " + checker.millisSpent() + " ms in the checker";
	}

	/** Fails with every error found, if any. */
	public static void assertNone(List<String> found) {
		if (!found.isEmpty()) {
			throw new AssertionError(found.size() + " HTML error(s) in served pages (Nu Html Checker):\n  "
					+ String.join("\n  ", found));
		}
	}

}
