package org.haven.visits.web;

import java.util.List;
import java.util.Set;

import org.haven.identity.AccessRules;
import org.haven.identity.Role;
import org.springframework.stereotype.Component;

/**
 * Visit rooms and their ICE servers are for the parties of care.
 */
@Component
class VisitsAccessRules implements AccessRules {

	@Override
	public List<Rule> rules() {
		return List.of(Rule.only(Set.of(Role.CLIENT, Role.THERAPIST), "/visits/**", "/api/v1/visits/**"));
	}

}
