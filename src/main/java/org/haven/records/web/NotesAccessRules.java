package org.haven.records.web;

import java.util.List;
import java.util.Set;

import org.haven.identity.AccessRules;
import org.haven.identity.Role;
import org.springframework.stereotype.Component;

/**
 * The documentation status (a therapist's sessions without a signed note) is a
 * therapist's own list: the rest of the record's paths are for clients, therapists and
 * admins ({@link RecordsAccessRules}).
 */
@Component
class NotesAccessRules implements AccessRules {

	@Override
	public List<Rule> rules() {
		return List.of(Rule.only(Set.of(Role.THERAPIST), "/records/notes/status", "/api/v1/records/notes/status"));
	}

}
