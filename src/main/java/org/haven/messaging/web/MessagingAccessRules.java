package org.haven.messaging.web;

import java.util.List;
import java.util.Set;

import org.haven.identity.AccessRules;
import org.haven.identity.Role;
import org.springframework.stereotype.Component;

/**
 * Conversations, letters and their attachments are for the parties of care.
 */
@Component
class MessagingAccessRules implements AccessRules {

	@Override
	public List<Rule> rules() {
		return List
			.of(Rule.only(Set.of(Role.CLIENT, Role.THERAPIST), "/messages", "/messages/**", "/api/v1/messages/**"));
	}

}
