package org.haven.directory.web;

import java.util.List;

import org.haven.identity.AccessRules;
import org.springframework.stereotype.Component;

/**
 * The directory is Haven's public front door: anyone may search it and read the profiles,
 * photos included, that therapists chose to publish, so that people can find a therapist
 * before they make an account. Nothing else under /therapists is open: asking for care,
 * free times and booking stay for signed-in accounts (the catch-all), as does the API.
 */
@Component
class DirectoryAccessRules implements AccessRules {

	@Override
	public List<Rule> rules() {
		return List.of(Rule.open("/therapists", "/therapists/{id}", "/therapists/{id}/photo"));
	}

}
