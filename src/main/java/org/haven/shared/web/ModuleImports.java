package org.haven.shared.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The relative specifiers ({@code './chat/view.js'}, {@code '../chat/connection.js'}) of
 * an ES module's static imports and re-exports ({@code from '...'}, {@code import '...'})
 * and of literal dynamic imports. A bare or absolute specifier is not Haven's to version.
 * A match inside a comment or string does no harm: it is only versioned too.
 */
final class ModuleImports {

	private static final Pattern SPECIFIER = Pattern
		.compile("\\b(?:from|import)\\s*\\(?\\s*(['\"])(\\.\\.?/[^'\"\\s]+)\\1");

	private ModuleImports() {
	}

	/** Group 2 of each match is the specifier. */
	static Matcher in(CharSequence source) {
		return SPECIFIER.matcher(source);
	}

	static final int SPECIFIER_GROUP = 2;

}
