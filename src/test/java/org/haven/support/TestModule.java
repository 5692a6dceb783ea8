package org.haven.support;

import java.util.List;
import java.util.Set;

import org.haven.identity.AccessRules;
import org.haven.identity.AccessRules.Rule;
import org.haven.identity.Role;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * A module that exists only in the tests, as the next module will arrive: its pages are
 * for therapists, except one open page, and it says so through {@link AccessRules} alone,
 * with no edit in identity. The open page's rule comes after the rule that covers it, as
 * a module might write them. The access-control table covers both pages.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestModule {

	@Bean
	AccessRules testModuleAccessRules() {
		return () -> List.of(Rule.only(Set.of(Role.THERAPIST), "/test-module/**"), Rule.open("/test-module/open"));
	}

	/** A bean because it is a component nested in this configuration. */
	@Controller
	static class TestModuleController {

		@GetMapping("/test-module/notes")
		@ResponseBody
		String notes() {
			return "The test module's notes";
		}

		@GetMapping("/test-module/open")
		@ResponseBody
		String open() {
			return "The test module's open page";
		}

	}

}
