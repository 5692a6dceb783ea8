package org.haven.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Set;

import org.haven.identity.AccessRules;
import org.haven.identity.AccessRules.Rule;
import org.haven.identity.Role;
import org.haven.identity.internal.RequestRules.Contributed;
import org.junit.jupiter.api.Test;

/**
 * The modules' rules reach the chain most specific first, whatever order they come in,
 * and a rule that could not apply as written stops the start-up.
 */
class RequestRulesTests {

	private static final Set<Role> CARE_PARTIES = Set.of(Role.CLIENT, Role.THERAPIST);

	@Test
	void theMostSpecificPatternComesFirstWhateverTheOrderOfModulesAndRules() {
		AccessRules care = () -> List.of(Rule.only(CARE_PARTIES, "/care/**"),
				Rule.only(Set.of(Role.CLIENT), "/care/request/**"));
		AccessRules calendar = () -> List.of(Rule.open("/calendar/{token}.ics"),
				Rule.only(CARE_PARTIES, "/calendar/**"));

		List<String> forwards = patterns(RequestRules.of(List.of(care, calendar)));
		List<String> backwards = patterns(RequestRules.of(List.of(calendar, care)));

		assertThat(forwards).isEqualTo(backwards);
		assertThat(forwards.indexOf("/care/request/**")).isLessThan(forwards.indexOf("/care/**"));
		assertThat(forwards.indexOf("/calendar/{token}.ics")).isLessThan(forwards.indexOf("/calendar/**"));
	}

	@Test
	void eachPatternKeepsItsRoles() {
		AccessRules care = () -> List.of(Rule.only(CARE_PARTIES, "/care/**"),
				Rule.only(Set.of(Role.CLIENT), "/care/request/**"), Rule.open("/care/leaflet"));

		assertThat(RequestRules.of(List.of(care)).contributed())
			.extracting(rule -> rule.pattern().getPatternString(), Contributed::roles)
			.containsExactly(tuple("/care/leaflet", Set.of()), tuple("/care/request/**", Set.of(Role.CLIENT)),
					tuple("/care/**", CARE_PARTIES));
	}

	@Test
	void aPatternContributedTwiceStopsTheStartUp() {
		AccessRules messaging = () -> List.of(Rule.only(CARE_PARTIES, "/messages/**"));
		AccessRules letters = () -> List.of(Rule.open("/messages/**"));

		assertThatIllegalStateException().isThrownBy(() -> RequestRules.of(List.of(messaging, letters)))
			.withMessageContaining("/messages/** is contributed twice");
		assertThatIllegalStateException()
			.isThrownBy(() -> RequestRules.of(List.of(() -> List.of(Rule.open("/a", "/a")))))
			.withMessageContaining("/a is contributed twice");
	}

	@Test
	void aPatternInsideIdentitysOwnPathsStopsTheStartUp() {
		for (String pattern : List.of("/admin/reports", "/therapist/notes/**", "/login/2fa", "/ws", "/**", "/api/v1/**",
				"/css/extra.css")) {
			assertThatIllegalStateException().as(pattern)
				.isThrownBy(() -> RequestRules.of(List.of(() -> List.of(Rule.open(pattern)))))
				.withMessageContaining("identity decides those paths");
		}
	}

	@Test
	void aRuleNamesItsPatternsAndItsRoles() {
		assertThat(Rule.open("/calendar/**").isOpen()).isTrue();
		assertThat(Rule.only(Set.of(Role.THERAPIST), "/notes/**").isOpen()).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> Rule.only(Set.of(), "/notes/**"));
		assertThatIllegalArgumentException().isThrownBy(() -> Rule.open());
	}

	private static List<String> patterns(RequestRules rules) {
		return rules.contributed().stream().map(rule -> rule.pattern().getPatternString()).toList();
	}

}
