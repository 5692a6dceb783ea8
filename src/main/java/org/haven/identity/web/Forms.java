package org.haven.identity.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.haven.identity.internal.InputRejected;
import org.springframework.ui.Model;

/**
 * Puts a rejected input on the page: the message by field, for the error summary and the
 * field itself.
 */
final class Forms {

	private Forms() {
	}

	static void reject(Model model, InputRejected rejected) {
		Map<String, String> errors = new LinkedHashMap<>();
		errors.put(rejected.field(), rejected.getMessage());
		model.addAttribute("errors", errors);
	}

	static void reject(Model model, String field, String message) {
		reject(model, new InputRejected(field, message));
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
