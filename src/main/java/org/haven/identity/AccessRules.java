package org.haven.identity;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The URL rules of a module above identity: which of its paths anyone may reach and which
 * only some roles may. Identity builds the one security chain without knowing those
 * modules: it applies its own rules first (sign-in, the second factor, the admin and
 * therapist areas, shared's infrastructure), then every module's rules with the most
 * specific pattern first, as Spring MVC picks a handler, then its catch-all: any other
 * path is for signed-in accounts. So the order in which modules, or their rules, are
 * listed changes nothing, and a pattern contributed twice, or one that falls inside
 * identity's own paths, stops the application at start-up.
 */
public interface AccessRules {

	/** This module's rules, in any order. */
	List<Rule> rules();

	/**
	 * @param patterns Spring path patterns, e.g. {@code /care/**}
	 * @param roles who may reach them; empty for everyone, signed in or not
	 */
	record Rule(List<String> patterns, Set<Role> roles) {

		public Rule {
			if (patterns.isEmpty()) {
				throw new IllegalArgumentException("A rule names at least one path pattern");
			}
			patterns = List.copyOf(patterns);
			roles = Set.copyOf(roles);
		}

		/** Paths for everyone, signed in or not. */
		public static Rule open(String... patterns) {
			return new Rule(Arrays.asList(patterns), Set.of());
		}

		/** Paths only accounts of these roles may reach. */
		public static Rule only(Set<Role> roles, String... patterns) {
			if (roles.isEmpty()) {
				throw new IllegalArgumentException("Name the roles, or make the paths open");
			}
			return new Rule(Arrays.asList(patterns), roles);
		}

		public boolean isOpen() {
			return roles.isEmpty();
		}

	}

}
