package org.haven.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.haven.directory.TestProfiles;
import org.haven.identity.TestAccounts.TestAccount;
import org.haven.identity.TestAccounts;
import org.haven.support.IntegrationTest;
import org.haven.support.WebSession.Response;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The pages a stranger may find through a search engine or a shared link each say in one
 * line of their own what they are, within the 160 characters search results show.
 */
class MetaDescriptionIntegrationTests extends IntegrationTest {

	private static final Pattern DESCRIPTION = Pattern.compile("<meta name=\"description\" content=\"([^\"]*)\">");

	@Autowired
	ApplicationContext context;

	@Test
	void eachPublicPageDescribesItselfInOneLineOfItsOwn() {
		TestAccount therapist = TestAccounts.in(context).therapist(uniqueEmail("described"));
		TestProfiles.in(context)
			.publish(therapist.id(), new TestProfiles.Listing("Dr. Robin Described", "US-CA", "LMFT", "L-1",
					"America/Los_Angeles", List.of("VIDEO", "AUDIO", "CHAT"), List.of("anxiety")));

		Map<String, String> descriptions = new LinkedHashMap<>();
		for (String path : List.of("/", "/therapists", "/therapists/" + therapist.id(), "/login", "/register")) {
			Response page = browser().get(path);
			assertThat(page.status()).as(path).isEqualTo(200);
			Matcher description = DESCRIPTION.matcher(page.body());
			assertThat(description.find()).as("a description on %s", path).isTrue();
			String text = description.group(1).replace("&#39;", "'").replace("&quot;", "\"").replace("&amp;", "&");
			assertThat(text).as(path).isNotBlank().hasSizeLessThanOrEqualTo(160);
			assertThat(description.find()).as("one description on %s", path).isFalse();
			descriptions.put(path, text);
		}
		assertThat(descriptions.values()).as("descriptions").doesNotHaveDuplicates();
		assertThat(descriptions.get("/therapists/" + therapist.id())).isEqualTo(
				"Dr. Robin Described, LMFT licensed in US-CA. Meets clients by video, audio and live chat on Haven.");
	}

	@Test
	void pagesBehindSignInHaveNone() {
		TestAccount client = TestAccounts.in(context).client(uniqueEmail("undescribed"));
		var session = browser();
		session.signIn(client.email(), client.password(), null);
		assertThat(session.get("/home").body()).doesNotContain("<meta name=\"description\"");
	}

	/**
	 * Reading the public pages starts no session: a stranger or a crawler leaves no row
	 * in the session store (the CSRF token, which would start one, is rendered only for
	 * those signed in).
	 */
	@Test
	void readingThePublicPagesStartsNoSession() {
		TestAccount therapist = TestAccounts.in(context).therapist(uniqueEmail("sessionless"));
		TestProfiles.in(context)
			.publish(therapist.id(), new TestProfiles.Listing("Dr. Sessionless", "US-CA", "LMFT", "L-2",
					"America/Los_Angeles", List.of("VIDEO"), List.of("anxiety")));
		for (String path : List.of("/", "/therapists", "/therapists?q=anxiety", "/therapists/" + therapist.id(),
				"/no-such-page")) {
			Response page = browser().get(path);
			assertThat(page.status()).as(path).isIn(200, 404);
			assertThat(page.header("Set-Cookie")).as("a cookie set by %s", path).isNull();
		}
	}

}
