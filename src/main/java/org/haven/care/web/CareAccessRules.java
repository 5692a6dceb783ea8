package org.haven.care.web;

import java.util.List;
import java.util.Set;

import org.haven.identity.AccessRules;
import org.haven.identity.Role;
import org.springframework.stereotype.Component;

/**
 * Care's pages are for clients and therapists; asking for care and giving telehealth
 * consent are for clients only.
 */
@Component
class CareAccessRules implements AccessRules {

	@Override
	public List<Rule> rules() {
		return List.of(Rule.only(Set.of(Role.CLIENT), "/care/request/**", "/consent"),
				Rule.only(Set.of(Role.CLIENT, Role.THERAPIST), "/care/**"));
	}

}
