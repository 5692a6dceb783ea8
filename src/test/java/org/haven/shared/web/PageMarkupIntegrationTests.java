package org.haven.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.haven.identity.TestAccounts;
import org.haven.identity.TestAccounts.TestAccount;
import org.haven.messaging.ChatFixture;
import org.haven.scheduling.TestPractice;
import org.haven.scheduling.TestPractice.FreeSlot;
import org.haven.support.HtmlChecker;
import org.haven.support.IntegrationTest;
import org.haven.support.MarkupCheck;
import org.haven.support.TestSocket;
import org.haven.support.WebSession;
import org.haven.support.WebSession.Response;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Every kind of page, anonymous and signed in as each role, with data on it and with a
 * form sent back with errors, is valid HTML by the Nu Html Checker. A quick net under
 * {@code ./mvnw verify}; the browser suite checks every page it reaches as well.
 */
class PageMarkupIntegrationTests extends IntegrationTest {

	private static final Pattern DRAFT = Pattern.compile("name=\"draft\" value=\"([^\"]+)\"");

	private static final Pattern THREAD = Pattern.compile("/letters/([0-9a-f-]{36})\\?sent$");

	@Autowired
	ApplicationContext context;

	private final List<String> errors = new ArrayList<>();

	private final List<String> notShown = new ArrayList<>();

	private int pages;

	@Test
	void everyPageIsValidHtml() {
		ChatFixture chat = ChatFixture.create(context, uniqueEmail("markup-therapist"), uniqueEmail("markup-client"));
		TestPractice practice = chat.practice();
		UUID therapistId = chat.therapist().id();
		FreeSlot slot = practice.freeSlotAfter(clock.instant().plus(Duration.ofDays(1)));
		UUID appointment = practice.book(chat.client(), slot, "VIDEO");
		String letters = "/messages/" + chat.conversation() + "/letters";

		WebSession anonymous = browser();
		for (String path : List.of("/", "/login", "/register", "/register/sent", "/register/resend", "/password-reset",
				"/password-reset/sent", "/password-reset/confirm?token=unknown", "/verify-email?token=unknown",
				"/invitation?token=unknown")) {
			check(anonymous, path);
		}
		check(anonymous, "POST /register with every field wrong",
				anonymous.submit("/register", "/register", Map.of("email", "not an address")));
		check(anonymous, "POST /login with a wrong password",
				anonymous.submit("/login", "/login", Map.of("email", "nobody@example.org", "password", "x")));
		WebSession halfway = browser();
		assertThat(halfway.signIn(chat.therapist().email(), chat.therapist().password()).location())
			.endsWith("/login/2fa");
		check(halfway, "/login/2fa");

		WebSession client = ChatFixture.signIn(browser(), chat.client());
		try (TestSocket socket = TestSocket.open(port, client)) {
			socket.send(chat.message("markup-1", "A first message, so the conversation has an entry."));
			socket.next("chat-ack");
		}
		UUID thread = startLetter(client, letters, "About last week", "A letter with *a little* formatting.");
		for (String path : List.of("/home", "/account", "/account/notifications", "/therapists",
				"/therapists/" + therapistId, "/care", "/care/request/" + therapistId, "/consent",
				"/therapists/" + therapistId + "/times", "/appointments", "/appointments/" + appointment,
				"/appointments/" + appointment + "/reschedule", "/messages", "/messages/" + chat.conversation(),
				letters, letters + "/new", letters + "/" + thread, "/messages/" + chat.conversation() + "/export",
				"/calendar-feed", "/no-such-page")) {
			check(client, path);
		}
		// A file the client keeps and opens anywhere: not even a warning (each entry has
		// a heading).
		assertThat(HtmlChecker.shared().check(client.get("/messages/" + chat.conversation() + "/export").body()))
			.as("the downloaded conversation")
			.isEmpty();
		check(client, "POST /care/request with nothing filled in",
				client.submit("/care/request/" + therapistId, "/care/request/" + therapistId, Map.of()));
		check(client, "POST " + letters + " without a subject", client.postMultipart(letters,
				Map.of("draft", draft(client.get(letters + "/new")), "subject", "", "body", ""), List.of()));

		WebSession therapist = ChatFixture.signIn(browser(), chat.therapist());
		for (String path : List.of("/home", "/account", "/account/notifications", "/therapist/profile",
				"/therapist/availability", "/therapist/book", "/care", "/calendar-feed", "/appointments",
				"/appointments/" + appointment, "/messages", "/messages/" + chat.conversation(), letters,
				letters + "/" + thread, "/visits/" + appointment)) {
			check(therapist, path);
		}
		check(therapist, "POST /therapist/availability/rules with a wrong time",
				therapist.submit("/therapist/availability", "/therapist/availability/rules",
						Map.of("day", "MONDAY", "start", "25:00", "end", "nonsense")));

		TestAccount admin = TestAccounts.in(context).admin(uniqueEmail("markup-admin"));
		WebSession adminBrowser = ChatFixture.signIn(browser(), admin);
		for (String path : List.of("/home", "/admin/users", "/admin/invitations", "/admin/audit", "/admin/consent")) {
			check(adminBrowser, path);
		}

		// The waiting room, where the client says where they are, opens 15 minutes before
		// the session.
		clock.advance(Duration.between(clock.instant(), slot.start().minus(Duration.ofMinutes(10))));
		check(ChatFixture.signIn(browser(), chat.client()), "/visits/" + appointment);

		System.out.println("Markup of " + pages + " pages: " + errors.size() + " errors, " + notShown.size()
				+ " not shown " + notShown + ". " + MarkupCheck.summary());
		MarkupCheck.assertNone(errors);
		assertThat(notShown).as("pages that did not open").isEmpty();
		assertThat(pages).isGreaterThanOrEqualTo(50);
	}

	private void check(WebSession browser, String path) {
		Response page = browser.get(path, Map.of("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"));
		if (page.status() != 200 && page.status() != 404) {
			notShown.add("GET " + path + ": " + page.status() + " " + page.location());
			return;
		}
		check("GET " + path, page);
	}

	/** A form's answer: the page shown again with its errors, or the page it leads to. */
	private void check(WebSession browser, String page, Response response) {
		if (response.status() == 302 || response.status() == 303) {
			URI next = URI.create(response.location());
			check(browser, next.getRawPath() + (next.getRawQuery() == null ? "" : "?" + next.getRawQuery()));
			return;
		}
		check(page, response);
	}

	private void check(String page, Response response) {
		String type = response.header("Content-Type");
		if (type == null || !type.startsWith("text/html")) {
			notShown.add(page + ": " + response.status() + " " + type + " " + response.location());
			return;
		}
		pages++;
		errors.addAll(MarkupCheck.errorsIn(page + " (" + response.status() + ")", response.body()));
	}

	private static UUID startLetter(WebSession browser, String letters, String subject, String body) {
		Response sent = browser.postMultipart(letters,
				Map.of("draft", draft(browser.get(letters + "/new")), "subject", subject, "body", body), List.of());
		Matcher m = THREAD.matcher(sent.location());
		assertThat(m.find()).as(sent.status() + " " + sent.location()).isTrue();
		return UUID.fromString(m.group(1));
	}

	private static String draft(Response page) {
		Matcher m = DRAFT.matcher(page.body());
		assertThat(m.find()).as("a letter form with a draft id").isTrue();
		return m.group(1);
	}

}
