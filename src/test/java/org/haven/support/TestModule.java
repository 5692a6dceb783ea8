package org.haven.support;

import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.haven.identity.AccessRules;
import org.haven.identity.AccessRules.Rule;
import org.haven.identity.Role;
import org.haven.messaging.TextMessages;
import org.haven.messaging.TextReplyPosted;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * A module that exists only in the tests, as the next module will arrive: its pages are
 * for therapists, except one open page, and it says so through {@link AccessRules} alone,
 * with no edit in identity. The open page's rule comes after the rule that covers it, as
 * a module might write them. The access-control table covers both pages. It also hears
 * messaging's {@link TextReplyPosted} the way the texting module will
 * ({@link TextReplies}).
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

	/**
	 * Every {@link TextReplyPosted} heard, as another module hears it: after the commit,
	 * through the event publication registry. With each, the words the listener could
	 * read at that moment, which a listener running before the commit would not find.
	 */
	@Component
	public static class TextReplies {

		private final TextMessages texts;

		private final Queue<Heard> heard = new ConcurrentLinkedQueue<>();

		TextReplies(TextMessages texts) {
			this.texts = texts;
		}

		@ApplicationModuleListener
		void on(TextReplyPosted posted) {
			heard.add(new Heard(posted, texts.textOf(posted.conversationId(), posted.seq()).orElse(null)));
		}

		/** What was heard about one conversation, in the order heard. */
		public List<Heard> of(UUID conversationId) {
			return heard.stream().filter(h -> h.event().conversationId().equals(conversationId)).toList();
		}

		public record Heard(TextReplyPosted event, String text) {
		}

	}

}
