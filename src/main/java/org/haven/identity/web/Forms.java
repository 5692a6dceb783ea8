package org.haven.identity.web;

import java.util.Map;

import org.springframework.ui.Model;

/**
 * Puts a rejected input on the page (the message by field, for the error summary and the
 * field itself) where no refusal was thrown, and keeps what was typed.
 */
final class Forms {

	private Forms() {
	}

	static void reject(Model model, String field, String message) {
		model.addAttribute("errors", Map.of(field, message));
	}

	/** A form field left out of the request is empty, as if sent blank. */
	static String text(String value) {
		return value == null ? "" : value;
	}

	/**
	 * Keeps what was typed (never passwords) so nothing is lost; overlong values are cut
	 * for display only.
	 */
	static String keep(String value) {
		if (value == null) {
			return "";
		}
		return value.length() > 300 ? value.substring(0, 300) : value;
	}

}
