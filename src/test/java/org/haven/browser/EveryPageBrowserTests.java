package org.haven.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.haven.browser.support.Accessibility;
import org.haven.browser.support.BrowserTest;
import org.haven.browser.support.Viewports;
import org.haven.browser.support.Viewports.View;
import org.haven.identity.TestAccounts.TestAccount;
import org.haven.messaging.ChatFixture;
import org.haven.messaging.TestMessages;
import org.haven.scheduling.TestPractice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Every page, as each kind of visitor sees it, on a desktop (1280 x 800) and a phone (390
 * x 844), in the light and the dark theme: axe-core finds no serious or critical
 * violation (every WCAG rule in the light theme, the colour rules again in the dark one,
 * which changes colours only), no page scrolls sideways, and a full-page screenshot of
 * each lands in {@code target/screenshots/pages/} for a person to look at. Problems are
 * collected over all pages and reported together.
 */
@Tag("browser")
class EveryPageBrowserTests extends BrowserTest {

	@Autowired
	ApplicationContext application;

	private final List<String> problems = new ArrayList<>();

	private final Map<String, Map<String, Long>> phoneFigures = new LinkedHashMap<>();

	@AfterEach
	void backToTheWindow() {
		Viewports.reset(driver);
	}

	@Test
	void publicPages() {
		TestPractice practice = TestPractice.open(application, uniqueEmail("pages-public-therapist"));
		look("public", "landing", "/");
		look("public", "sign-in", "/login");
		look("public", "register", "/register");
		look("public", "password-reset", "/password-reset");
		look("public", "directory", "/therapists");
		look("public", "profile", "/therapists/" + practice.therapist().id());
		look("public", "not-found", "/no-such-page");
		assertNoProblems();
	}

	@Test
	void clientPages() {
		ChatFixture chat = ChatFixture.create(application, uniqueEmail("pages-client-therapist"),
				uniqueEmail("pages-client"));
		TestPractice practice = chat.practice();
		TestAccount client = chat.client();
		UUID session = practice.book(client, practice.freeSlotAfter(clock.instant().plus(Duration.ofDays(2))), "VIDEO");
		UUID conversation = chat.conversation();
		TestMessages messages = TestMessages.in(application);
		messages.chat(practice.therapist().id(), conversation, "Hello, how was your week?");
		messages.chat(client.id(), conversation, "Better, thank you. I slept more.");
		messages.startLetter(practice.therapist().id(), conversation, "Between sessions", "A few thoughts.");
		signIn(client);
		look("client", "home", "/home");
		look("client", "directory", "/therapists");
		look("client", "profile", "/therapists/" + practice.therapist().id());
		look("client", "booking", "/therapists/" + practice.therapist().id() + "/times");
		look("client", "care", "/care");
		look("client", "consent", "/consent");
		look("client", "sessions", "/appointments");
		look("client", "session", "/appointments/" + session);
		look("client", "reschedule", "/appointments/" + session + "/reschedule");
		look("client", "messages", "/messages");
		look("client", "chat", "/messages/" + conversation);
		look("client", "letters", "/messages/" + conversation + "/letters");
		look("client", "letter-new", "/messages/" + conversation + "/letters/new");
		look("client", "account", "/account");
		look("client", "notifications", "/account/notifications");
		look("client", "texts", "/account/texts");
		look("client", "calendar-link", "/calendar-feed");
		look("client", "waiting-room-not-yet", "/visits/" + session);
		look("client", "record", "/records/clients/" + client.id());
		look("client", "intake", "/records/clients/" + client.id() + "/intake");
		look("client", "measures", "/records/measures");
		look("client", "safety-plan", "/records/safety-plan/" + client.id());
		assertNoProblems();
	}

	@Test
	void therapistPages() {
		ChatFixture chat = ChatFixture.create(application, uniqueEmail("pages-therapist"),
				uniqueEmail("pages-therapist-client"));
		TestPractice practice = chat.practice();
		TestAccount client = chat.client();
		UUID session = practice.book(client, practice.freeSlotAfter(clock.instant().plus(Duration.ofDays(1))), "AUDIO");
		UUID conversation = chat.conversation();
		signIn(practice.therapist());
		look("therapist", "home", "/home");
		look("therapist", "profile-edit", "/therapist/profile");
		look("therapist", "availability", "/therapist/availability");
		look("therapist", "book-for-client", "/therapist/book");
		look("therapist", "care", "/care");
		look("therapist", "sessions", "/appointments");
		look("therapist", "messages", "/messages");
		look("therapist", "chat", "/messages/" + conversation);
		look("therapist", "session", "/appointments/" + session);
		look("therapist", "session-room-not-yet", "/visits/" + session);
		look("therapist", "new-note", "/records/notes/new/" + session);
		look("therapist", "record", "/records/clients/" + client.id());
		look("therapist", "intake", "/records/clients/" + client.id() + "/intake");
		look("therapist", "plan", "/records/plan/" + client.id());
		look("therapist", "plan-edit", "/records/plan/" + client.id() + "/edit");
		look("therapist", "safety-plan-edit", "/records/safety-plan/" + client.id() + "/edit");
		look("therapist", "client-measures", "/records/measures/clients/" + client.id());
		look("therapist", "notes-status", "/records/notes/status");
		look("therapist", "account", "/account");
		assertNoProblems();
	}

	@Test
	void adminPages() {
		signIn(accounts().admin(uniqueEmail("pages-admin")));
		look("admin", "home", "/home");
		look("admin", "users", "/admin/users");
		look("admin", "invitations", "/admin/invitations");
		look("admin", "audit", "/admin/audit");
		look("admin", "consent", "/admin/consent");
		look("admin", "break-glass", "/admin/break-glass");
		assertNoProblems();
	}

	/**
	 * Opens the page once and looks at it in every view: accessibility, sideways scroll,
	 * screenshot. Whatever is wrong is noted, not thrown, so one run lists every problem.
	 */
	private void look(String who, String name, String path) {
		Viewports.reset(driver);
		open(path);
		String shot = "pages/" + who + "-" + name;
		for (View view : Viewports.ALL) {
			Viewports.show(driver, view);
			String where = who + " " + path + " (" + view.name() + ")";
			long overflow = Viewports.sidewaysOverflow(driver);
			if (overflow > 0) {
				problems.add(where + ": scrolls sideways by " + overflow + " px");
			}
			try {
				if (view.dark()) {
					// The dark theme redefines colours only: the rules about colour,
					// again.
					Accessibility.assertNoSeriousColourViolations(driver, where);
				}
				else {
					Accessibility.assertNoSeriousViolations(driver, where);
				}
			}
			catch (AssertionError violation) {
				problems.add(violation.getMessage());
			}
			Viewports.screenshot(driver, shot, view);
			if (view == Viewports.PHONE) {
				phoneFigures.put(who + " " + name, Viewports.measure(driver));
			}
		}
	}

	private void assertNoProblems() {
		phoneFigures.forEach((page, figures) -> System.out.println("[phone 390x844] " + page + ": " + figures));
		assertThat(problems).as("problems found on the pages").isEmpty();
	}

}
