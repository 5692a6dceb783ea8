package org.haven.texting.web;

import java.util.List;

import org.haven.identity.AccessRules;
import org.springframework.stereotype.Component;

/**
 * /dev/sms is open to the security chain; its controller answers only in demo mode and
 * only to callers on this computer, like /dev/mail.
 */
@Component
class TextingAccessRules implements AccessRules {

	@Override
	public List<Rule> rules() {
		return List.of(Rule.open("/dev/sms"));
	}

}
