package org.haven.records.web;

import java.util.List;
import java.util.Set;

import org.haven.identity.AccessRules;
import org.haven.identity.Role;
import org.springframework.stereotype.Component;

/**
 * The record's pages are for clients, therapists and admins; which client's record each
 * may read is decided per request by {@code ChartAccess}, and anyone without a right to a
 * record gets "not found". Admins reach a record only through break-glass, whose pages
 * are under identity's {@code /admin/**}.
 */
@Component
class RecordsAccessRules implements AccessRules {

	@Override
	public List<Rule> rules() {
		return List.of(Rule.only(Set.of(Role.CLIENT, Role.THERAPIST, Role.ADMIN), "/records/**", "/api/v1/records/**"));
	}

}
