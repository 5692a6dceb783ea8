package org.haven.identity;

import java.util.Map;
import java.util.Optional;

/**
 * A part of the signed-in home page, contributed by a module above identity (sessions
 * from scheduling, intake requests from care). Identity renders the page without knowing
 * those modules: each panel names a Thymeleaf fragment and hands it its model as
 * {@code panel}.
 */
public interface HomePanel {

	/** Position on the page: lower comes first. */
	int order();

	/** The panel for this account, or empty when it has nothing to show them. */
	Optional<Panel> panelFor(CurrentAccount account);

	/**
	 * @param template the template holding the fragment, e.g. {@code scheduling/panels}
	 * @param fragment the fragment's name in that template
	 * @param model what the fragment reads as {@code panel.<key>}
	 */
	record Panel(String template, String fragment, Map<String, Object> model) {
	}

}
