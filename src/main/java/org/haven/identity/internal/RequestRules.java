package org.haven.identity.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.haven.identity.AccessRules;
import org.haven.identity.Role;
import org.springframework.http.server.PathContainer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Who may reach what, in the order the chain checks it (the first matching rule decides):
 * identity's own rules, so that no module can open or close sign-in, the second factor or
 * the admin area; then the rules the modules contribute through {@link AccessRules}, the
 * most specific pattern first; then paths no controller answers, for everyone, so that
 * they end in "Page not found" ({@link UnhandledPaths}); then the catch-all, signed in.
 */
final class RequestRules {

	/**
	 * Identity's own pages, and the infrastructure of {@code shared}: shared sits below
	 * identity and cannot implement {@link AccessRules}, so identity lists its static
	 * files, error page, health, API description and demo mailbox here, and its realtime
	 * endpoint below.
	 */
	private static final List<String> PUBLIC = List.of("/", "/login", "/register", "/register/**", "/verify-email",
			"/password-reset", "/password-reset/**", "/invitation", "/css/**", "/js/**", "/img/**", "/favicon.ico",
			"/favicon.svg", "/robots.txt", "/error", "/actuator/health", "/actuator/health/**", "/dev/mail",
			"/v3/api-docs", "/v3/api-docs/**");

	private static final String SECOND_FACTOR = "/login/2fa";

	private static final String ENROLMENT = "/account/2fa/setup";

	private static final List<String> ADMINS = List.of("/admin/**", "/api/v1/admin/**", "/actuator/**");

	/** Every module's pages for therapists live in this area, as admins' do in /admin. */
	private static final List<String> THERAPISTS = List.of("/therapist/**");

	/** Shared's realtime endpoint: chat and visit signaling, for the parties of care. */
	private static final List<String> REALTIME = List.of("/ws");

	private static final List<String> SIGNED_IN = Stream.of(Role.values()).map(Role::authority).toList();

	private static final List<PathPattern> OWN = Stream
		.of(PUBLIC, List.of(SECOND_FACTOR, ENROLMENT), ADMINS, THERAPISTS, REALTIME)
		.flatMap(List::stream)
		.map(RequestRules::parse)
		.toList();

	/** One pattern of a module's rule; no roles for an open one. */
	record Contributed(PathPattern pattern, Set<Role> roles) {

		String[] roleNames() {
			return roles.stream().map(Role::name).sorted().toArray(String[]::new);
		}

	}

	private final List<Contributed> contributed;

	private RequestRules(List<Contributed> contributed) {
		this.contributed = contributed;
	}

	/**
	 * @throws IllegalStateException for a pattern contributed twice, or one that overlaps
	 * identity's own paths: a rule inside them would silently never apply, and one wider
	 * than them (e.g. {@code /**}) would take over the catch-all
	 */
	static RequestRules of(List<AccessRules> contributions) {
		List<Contributed> contributed = new ArrayList<>();
		Map<String, String> contributors = new HashMap<>();
		for (AccessRules contribution : contributions) {
			String contributor = contribution.getClass().getSimpleName();
			for (AccessRules.Rule rule : contribution.rules()) {
				for (String pattern : rule.patterns()) {
					String earlier = contributors.putIfAbsent(pattern, contributor);
					if (earlier != null) {
						throw new IllegalStateException(
								pattern + " is contributed twice, by " + earlier + " and by " + contributor);
					}
					contributed.add(new Contributed(ownedByModule(pattern, contributor), rule.roles()));
				}
			}
		}
		contributed.sort(Comparator.comparing(Contributed::pattern, PathPattern.SPECIFICITY_COMPARATOR)
			.thenComparing(rule -> rule.pattern().getPatternString()));
		return new RequestRules(List.copyOf(contributed));
	}

	private static PathPattern ownedByModule(String pattern, String contributor) {
		PathPattern parsed = parse(pattern);
		for (PathPattern own : OWN) {
			if (own.matches(PathContainer.parsePath(pattern))
					|| parsed.matches(PathContainer.parsePath(own.getPatternString()))) {
				throw new IllegalStateException(pattern + " of " + contributor + " overlaps identity's own "
						+ own.getPatternString() + ": identity decides those paths");
			}
		}
		return parsed;
	}

	private static PathPattern parse(String pattern) {
		return PathPatternParser.defaultInstance.parse(pattern);
	}

	/** The modules' rules in the order the chain checks them. */
	List<Contributed> contributed() {
		return contributed;
	}

	void applyTo(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests,
			RequestMatcher unhandled) {
		requests.requestMatchers(PUBLIC.toArray(String[]::new))
			.permitAll()
			.requestMatchers(SECOND_FACTOR)
			.hasAuthority(Authorities.SECOND_FACTOR_PENDING)
			.requestMatchers(ENROLMENT)
			.hasAnyAuthority(
					Stream.concat(Stream.of(Authorities.ENROLMENT_PENDING), SIGNED_IN.stream()).toArray(String[]::new))
			.requestMatchers(ADMINS.toArray(String[]::new))
			.hasRole(Role.ADMIN.name())
			.requestMatchers(THERAPISTS.toArray(String[]::new))
			.hasRole(Role.THERAPIST.name())
			.requestMatchers(REALTIME.toArray(String[]::new))
			.hasAnyRole(Role.CLIENT.name(), Role.THERAPIST.name());
		for (Contributed rule : contributed) {
			var url = requests.requestMatchers(rule.pattern().getPatternString());
			if (rule.roles().isEmpty()) {
				url.permitAll();
			}
			else {
				url.hasAnyRole(rule.roleNames());
			}
		}
		requests.requestMatchers(unhandled).permitAll();
		requests.anyRequest().hasAnyAuthority(SIGNED_IN.toArray(String[]::new));
	}

}
