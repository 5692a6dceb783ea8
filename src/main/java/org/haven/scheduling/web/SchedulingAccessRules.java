package org.haven.scheduling.web;

import java.util.List;
import java.util.Set;

import org.haven.identity.AccessRules;
import org.haven.identity.Role;
import org.springframework.stereotype.Component;

/**
 * Sessions and the calendar link are for the parties of care. The calendar feed itself is
 * open: calendar applications cannot sign in, so its unguessable token is the key.
 */
@Component
class SchedulingAccessRules implements AccessRules {

	@Override
	public List<Rule> rules() {
		return List.of(Rule.open("/calendar/**"),
				Rule.only(Set.of(Role.CLIENT, Role.THERAPIST), "/appointments", "/appointments/**",
						"/api/v1/appointments", "/api/v1/appointments/**", "/calendar-feed", "/calendar-feed/**"));
	}

}
