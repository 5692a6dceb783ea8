package org.haven.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.web.AccessControlIntegrationTests.Audience.ADMINS;
import static org.haven.web.AccessControlIntegrationTests.Audience.EVERYONE;
import static org.haven.web.AccessControlIntegrationTests.Audience.NOBODY;
import static org.haven.web.AccessControlIntegrationTests.Audience.SECOND_FACTOR_STEP;
import static org.haven.web.AccessControlIntegrationTests.Audience.SIGNED_IN;
import static org.haven.web.AccessControlIntegrationTests.Audience.THERAPISTS;
import static org.haven.web.AccessControlIntegrationTests.Audience.CARE_PARTIES;
import static org.haven.web.AccessControlIntegrationTests.Audience.CLIENTS;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.haven.identity.TestAccounts;
import org.haven.identity.TestAccounts.TestAccount;
import org.haven.support.IntegrationTest;
import org.haven.support.WebSession;
import org.haven.support.WebSession.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Who may reach what: every page, form, API and operations endpoint of Haven, for every
 * kind of caller, against the running application. Each case starts from a fresh session
 * of a fresh account. Allowed forms are sent with harmless input (rejected values,
 * unknown ids) so that the table changes nothing.
 */
class AccessControlIntegrationTests extends IntegrationTest {

	/** Belongs to no account and no invitation. */
	private static final String NO_SUCH_ID = "00000000-0000-4000-8000-000000000000";

	/**
	 * Shaped like a calendar feed token (43 base64url characters) and belonging to no
	 * feed.
	 */
	private static final String NO_SUCH_TOKEN = "A".repeat(43);

	enum Caller {

		ANONYMOUS, HALF_SIGNED_IN, CLIENT, THERAPIST, ADMIN

	}

	/** Who an endpoint is meant for. */
	enum Audience {

		EVERYONE, SECOND_FACTOR_STEP, SIGNED_IN, CARE_PARTIES, CLIENTS, THERAPISTS, ADMINS, NOBODY

	}

	/**
	 * A status and what it must show: the path and query of a redirect, or a text in the
	 * body.
	 */
	record Outcome(int status, String shows) {
	}

	record Endpoint(String method, String pattern, Audience audience, Map<String, String> form, Outcome allowed) {

		String path() {
			return pattern.replace("{id}", NO_SUCH_ID)
				.replace("{date}", "2031-01-01")
				.replace("{token}", NO_SUCH_TOKEN)
				.replace("{conversation}", NO_SUCH_ID)
				.replace("{thread}", NO_SUCH_ID)
				.replace("{attachment}", NO_SUCH_ID)
				.replace("{clientId}", NO_SUCH_ID);
		}

		boolean api() {
			return pattern.startsWith("/api/");
		}

		@Override
		public String toString() {
			return method + " " + pattern;
		}
	}

	static final List<Endpoint> ENDPOINTS = List.of(get("/", EVERYONE, page("Haven: online therapy")),
			get("/login", EVERYONE, page("Sign in · Haven")), get("/favicon.ico", EVERYONE, ok("<svg")),
			get("/login/2fa", SECOND_FACTOR_STEP, page("Two-step verification · Haven")),
			get("/register", EVERYONE, page("Create an account · Haven")),
			get("/register/sent", EVERYONE, page("Check your email · Haven")),
			get("/register/resend", EVERYONE, page("Send the confirmation link again · Haven")),
			get("/verify-email", EVERYONE, page("Confirm your email · Haven")),
			get("/password-reset", EVERYONE, page("Reset your password · Haven")),
			get("/password-reset/sent", EVERYONE, page("Check your email · Haven")),
			get("/password-reset/confirm", EVERYONE, page("Choose a new password · Haven")),
			get("/invitation", EVERYONE, page("Join Haven · Haven")), get("/home", SIGNED_IN, page("Home · Haven")),
			get("/account", SIGNED_IN, page("Your account · Haven")),
			get("/account/2fa/setup", SIGNED_IN, page("Set up two-step verification · Haven")),
			get("/account/notifications", SIGNED_IN, page("Notifications · Haven")),
			get("/account/texts", SIGNED_IN, page("Text messages · Haven")),
			get("/admin/users", ADMINS, page("Users · Haven")),
			get("/admin/invitations", ADMINS, page("Invitations · Haven")),
			get("/admin/audit", ADMINS, page("Audit trail · Haven")),
			get("/api/v1/me", SIGNED_IN, ok("\"twoFactorEnabled\":")),
			get("/api/v1/admin/users", ADMINS, ok("\"status\":\"ACTIVE\"")),
			get("/api/v1/admin/audit/verification", ADMINS, ok("\"intact\":true")),
			get("/actuator/health", EVERYONE, ok("\"status\":\"UP\"")),
			get("/actuator/prometheus", ADMINS, ok("jvm_memory_used_bytes")),
			get("/v3/api-docs", EVERYONE, ok("\"openapi\":")), get("/dev/mail", NOBODY, null),
			get("/dev/sms", NOBODY, null), post("/dev/sms", NOBODY, Map.of("from", "+12015550123", "body", "Hi"), null),
			// The directory is open: search, published profiles and their photos.
			get("/therapists", EVERYONE, page("Find a therapist · Haven")),
			get("/therapists/{id}", EVERYONE, new Outcome(404, null)),
			// A stranger's "Sign in to book": signed in, back to the profile.
			get("/therapists/{id}/book", SIGNED_IN, redirect("/therapists/" + NO_SUCH_ID)),
			get("/api/v1/therapists", SIGNED_IN, new Outcome(400, null)),
			get("/api/v1/therapists/{id}", SIGNED_IN, new Outcome(404, null)),
			get("/therapist/profile", THERAPISTS, page("Your profile · Haven")),
			get("/therapist/profile/photo", THERAPISTS, new Outcome(404, null)),
			get("/therapists/{id}/photo", EVERYONE, new Outcome(404, null)),
			// An address no controller answers is not found, for strangers too; the API
			// keeps asking strangers to sign in, whether or not the path exists.
			get("/no-such-page", EVERYONE, new Outcome(404, null)),
			get("/api/v1/no-such-thing", SIGNED_IN, new Outcome(404, null)),
			get("/care", CARE_PARTIES, page("Care · Haven")),
			get("/consent", CLIENTS, page("Telehealth consent · Haven")),
			get("/therapist/availability", THERAPISTS, page("Your availability · Haven")),
			get("/therapists/{id}/times", SIGNED_IN, new Outcome(404, null)),
			get("/appointments", CARE_PARTIES, page("Sessions · Haven")),
			get("/api/v1/appointments", CARE_PARTIES, ok("[]")),
			get("/appointments/{id}", CARE_PARTIES, new Outcome(404, null)),
			get("/therapist/book", THERAPISTS, page("Book for a client · Haven")),
			get("/visits/{id}", CARE_PARTIES, new Outcome(404, null)),
			get("/appointments/{id}/reschedule", CARE_PARTIES, new Outcome(404, null)),
			get("/calendar-feed", CARE_PARTIES, page("Calendar link · Haven")),
			// Public, since calendar applications cannot sign in: a token that opens no
			// feed is a 404 for everyone.
			get("/calendar/{token}.ics", EVERYONE, new Outcome(404, null)),
			// A record is read only by its client and their therapists: an unknown client
			// is a
			// 404 for every role the rule admits.
			get("/records/clients/{clientId}/export", SIGNED_IN, new Outcome(404, null)),
			get("/records/clients/{clientId}/export/fhir", SIGNED_IN, new Outcome(404, null)),
			get("/records/clients/{clientId}/export/pdf", SIGNED_IN, new Outcome(404, null)),
			get("/api/v1/records/clients/{clientId}/export", SIGNED_IN, new Outcome(404, null)),
			get("/admin/consent", ADMINS, page("Telehealth consent · Haven")),
			get("/care/request/{id}", CLIENTS, new Outcome(404, null)),
			get("/care/requests/{id}", CARE_PARTIES, new Outcome(404, null)),
			get("/api/v1/visits/ice-servers", CARE_PARTIES, ok("\"iceServers\":[]")),
			// Messages
			get("/messages", CARE_PARTIES, page("Messages · Haven")),
			get("/messages/{id}", CARE_PARTIES, new Outcome(404, null)),
			get("/messages/{id}/export", CARE_PARTIES, new Outcome(404, null)),
			get("/messages/{id}/text", CARE_PARTIES, new Outcome(404, null)),
			get("/messages/{id}/attachments/{attachment}", CARE_PARTIES, new Outcome(404, null)),
			// A module that exists only in the tests (TestModule) protects its pages
			// through AccessRules, with no edit in identity.
			get("/test-module/notes", THERAPISTS, ok("The test module's notes")),
			get("/test-module/open", EVERYONE, ok("The test module's open page")),

			post("/login", EVERYONE, Map.of("email", "nobody@example.org", "password", "not the password"),
					redirect("/login?error")),
			post("/logout", EVERYONE, Map.of(), redirect("/login?signedOut")),
			post("/login/2fa", SECOND_FACTOR_STEP, Map.of("code", "not a code"), ok("That code did not work")),
			post("/register", EVERYONE, Map.of("email", ""), ok("Enter your email address.")),
			post("/register/resend", EVERYONE, Map.of("email", "not-an-email"), ok("Enter an email address like")),
			post("/verify-email", EVERYONE, Map.of("token", ""), ok("This link no longer works")),
			post("/password-reset", EVERYONE, Map.of("email", "not-an-email"), ok("Enter an email address like")),
			post("/password-reset/confirm", EVERYONE, Map.of("password", "short"), ok("Use at least 12 characters")),
			post("/invitation", EVERYONE, Map.of("token", ""), ok("This invitation no longer works")),
			post("/account/name", SIGNED_IN, Map.of("displayName", ""), ok("Enter the name you want to be called.")),
			post("/account/password", SIGNED_IN, Map.of("current", ""), ok("Your current password is not right.")),
			post("/account/2fa/setup", SIGNED_IN, Map.of("code", ""), redirect("/account/2fa/setup")),
			post("/account/2fa/disable", SIGNED_IN, Map.of("disableCurrent", ""),
					ok("Your current password is not right.")),
			post("/account/recovery-codes", SIGNED_IN, Map.of("code", ""), ok("That code does not match.")),
			post("/account/sign-out-everywhere", SIGNED_IN, Map.of(), redirect("/login?signedOutEverywhere")),
			post("/account/notifications", SIGNED_IN, Map.of("timeZone", "Mars/Olympus"), ok("Unknown time zone")),
			post("/account/texts/number", SIGNED_IN, Map.of("number", "12"), ok("There is a problem")),
			post("/account/texts/verify", SIGNED_IN, Map.of("code", "x"), ok("Enter the six digits")),
			post("/account/texts/choices", SIGNED_IN, Map.of(), ok("Verify your number first")),
			post("/account/texts/remove", SIGNED_IN, Map.of(), redirect("/account/texts?removed")),
			post("/session/keepalive", SIGNED_IN, Map.of(), new Outcome(204, null)),
			post("/admin/users/{id}/status", ADMINS, Map.of("enabled", "false"), ok("No such account.")),
			post("/admin/users/{id}/role", ADMINS, Map.of("role", "ADMIN"), ok("No such account.")),
			post("/admin/invitations", ADMINS, Map.of("email", "not-an-email", "role", "ADMIN"),
					ok("Enter an email address like")),
			post("/admin/invitations/{id}/revoke", ADMINS, Map.of(), redirect("/admin/invitations?notPending")),
			post("/therapist/profile", THERAPISTS, Map.of("displayName", ""), ok("Enter the name clients will see.")),
			post("/therapist/profile/licences", THERAPISTS, Map.of("jurisdiction", "Narnia"),
					ok("Write the place as a country code")),
			post("/therapist/profile/licences/{id}/remove", THERAPISTS, Map.of(), redirect("/therapist/profile")),
			// A form without a file: the photo form's own answer, once authorization let
			// it through.
			post("/therapist/profile/photo", THERAPISTS, Map.of(), ok("Choose a photo to upload.")),
			post("/therapist/profile/photo/delete", THERAPISTS, Map.of(), redirect("/therapist/profile")),
			post("/care/request/{id}", CLIENTS, Map.of("reason", "help"), new Outcome(404, null)),
			post("/care/requests/{id}/accept", CARE_PARTIES, Map.of(), new Outcome(404, null)),
			post("/care/requests/{id}/decline", CARE_PARTIES, Map.of("message", "no"), new Outcome(404, null)),
			post("/care/requests/{id}/withdraw", CARE_PARTIES, Map.of(), new Outcome(404, null)),
			post("/care/relationships/{id}/end", CARE_PARTIES, Map.of(), new Outcome(404, null)),
			post("/consent", CLIENTS, Map.of("version", "0", "typedName", ""), ok("Telehealth consent")),
			post("/admin/consent", ADMINS, Map.of("title", ""), ok("Give the document a title")),
			post("/therapist/availability/settings", THERAPISTS, Map.of("length", "x"), ok("Enter a whole number.")),
			post("/therapist/availability/rules", THERAPISTS, Map.of("day", "FUNDAY"), ok("Choose a day of the week.")),
			post("/therapist/availability/rules/{id}/remove", THERAPISTS, Map.of(),
					redirect("/therapist/availability?ruleRemoved")),
			post("/therapist/availability/days-off", THERAPISTS, Map.of("dayOff", "x"),
					ok("Enter the date as YYYY-MM-DD.")),
			post("/therapist/availability/days-off/{date}/remove", THERAPISTS, Map.of(),
					redirect("/therapist/availability?dayOffRemoved")),
			post("/therapist/availability/time-off", THERAPISTS, Map.of("timeOffDate", "x"),
					ok("Enter the date as YYYY-MM-DD.")),
			post("/therapist/availability/time-off/{id}/remove", THERAPISTS, Map.of(),
					redirect("/therapist/availability?timeOffRemoved")),
			post("/appointments", CARE_PARTIES, Map.of("therapistId", "not-an-id"), new Outcome(404, null)),
			post("/appointments/confirm", CARE_PARTIES, Map.of("therapistId", "not-an-id"), new Outcome(404, null)),
			post("/appointments/{id}/cancel", CARE_PARTIES, Map.of(), new Outcome(404, null)),
			post("/visits/{id}/check-in", CARE_PARTIES, Map.of("location", "Home"), new Outcome(404, null)),
			post("/therapist/book", THERAPISTS, Map.of("client", "not-an-id"), ok("There is a problem")),
			post("/appointments/{id}/reschedule", CARE_PARTIES, Map.of("start", "2031-01-01T10:00:00Z"),
					new Outcome(404, null)),
			post("/api/v1/appointments/{id}/cancel", CARE_PARTIES, Map.of(), new Outcome(404, null)),
			post("/api/v1/appointments/{id}/reschedule", CARE_PARTIES, Map.of("start", "x"), new Outcome(415, null)),
			post("/messages/{id}/attachments", CARE_PARTIES, Map.of(), new Outcome(404, null)),
			post("/messages/{id}/text", CARE_PARTIES, Map.of("text", "Hi"), new Outcome(404, null)),
			// Makes a link for the caller's own fresh account only.
			post("/calendar-feed", CARE_PARTIES, Map.of(), redirect("/calendar-feed")),
			post("/calendar-feed/revoke", CARE_PARTIES, Map.of(), redirect("/calendar-feed?turnedOff")),
			// A form post to a JSON endpoint: refused for its media type once
			// authorization let it through.
			post("/api/v1/appointments", CARE_PARTIES, Map.of("start", "x"), new Outcome(415, null)),

			// Letters: a conversation (or thread) that is not the caller's is one that
			// does not exist.
			get("/messages/{conversation}/letters", CARE_PARTIES, new Outcome(404, null)),
			get("/messages/{conversation}/letters/new", CARE_PARTIES, new Outcome(404, null)),
			get("/messages/{conversation}/letters/{thread}", CARE_PARTIES, new Outcome(404, null)),
			post("/messages/{conversation}/letters", CARE_PARTIES, Map.of("subject", "Hello", "body", "Hello"),
					new Outcome(404, null)),
			post("/messages/{conversation}/letters/{thread}", CARE_PARTIES, Map.of("body", "Hello"),
					new Outcome(404, null)),
			post("/messages/{conversation}/letters/reply-time", CARE_PARTIES, Map.of("days", "3"),
					new Outcome(404, null)),
			post("/api/v1/messages/{conversation}/drafts", CARE_PARTIES, Map.of("body", "Hello"),
					new Outcome(404, null)),

			// The record: a client's chart and intake questionnaire answer "not found" to
			// everyone without a right to that client's record (ChartAccess), whatever
			// their role.
			get("/records/clients/{id}", SIGNED_IN, new Outcome(404, null)),
			get("/records/clients/{id}/intake", SIGNED_IN, new Outcome(404, null)),
			post("/records/clients/{id}/intake", SIGNED_IN, Map.of("version", "0", "concerns", "Sleep"),
					new Outcome(404, null)),
			post("/records/clients/{id}/intake/review", SIGNED_IN, Map.of(), new Outcome(404, null)),
			get("/api/v1/records/clients/{id}/timeline", SIGNED_IN, new Outcome(404, null)),
			get("/api/v1/records/clients/{id}/intake", SIGNED_IN, new Outcome(404, null)),
			post("/api/v1/records/clients/{id}/intake", SIGNED_IN, Map.of("version", "0"), new Outcome(415, null)),
			post("/api/v1/records/clients/{id}/intake/submit", SIGNED_IN, Map.of("version", "0"),
					new Outcome(415, null)),
			post("/api/v1/records/clients/{id}/intake/review", SIGNED_IN, Map.of(), new Outcome(404, null)),
			get("/admin/break-glass", ADMINS, page("Emergency access · Haven")),
			post("/admin/break-glass", ADMINS, Map.of("email", ""), ok("Enter the email address of the client")),
			post("/admin/break-glass/{id}/end", ADMINS, Map.of(), new Outcome(404, null)),
			// Session notes: a note or session that is not the caller's is one that does
			// not exist.
			get("/records/notes/status", THERAPISTS, page("Documentation status · Haven")),
			get("/records/notes/new/{id}", SIGNED_IN, new Outcome(404, null)),
			get("/records/notes/{id}", SIGNED_IN, new Outcome(404, null)),
			get("/records/notes/psychotherapy/{id}", SIGNED_IN, new Outcome(404, null)),
			post("/records/notes/new/{id}", SIGNED_IN, Map.of("template", "SOAP"), new Outcome(404, null)),
			post("/records/notes/{id}", SIGNED_IN, Map.of("version", "0"), new Outcome(404, null)),
			post("/records/notes/{id}/sign", SIGNED_IN, Map.of("version", "0"), new Outcome(404, null)),
			post("/records/notes/{id}/addenda", SIGNED_IN, Map.of("addendum", "More"), new Outcome(404, null)),
			post("/records/notes/{id}/psychotherapy", SIGNED_IN, Map.of("psychotherapy", "Mine"),
					new Outcome(404, null)),
			get("/api/v1/records/notes/status", THERAPISTS, ok("[]")),
			get("/api/v1/records/notes/{id}", SIGNED_IN, new Outcome(404, null)),
			get("/api/v1/records/psychotherapy-notes/{id}", SIGNED_IN, new Outcome(404, null)),
			post("/api/v1/records/notes/{id}/draft", SIGNED_IN, Map.of("version", "0"), new Outcome(415, null)),
			post("/api/v1/records/notes/{id}/sign", SIGNED_IN, Map.of("version", "0"), new Outcome(415, null)),
			post("/api/v1/records/notes/{id}/addenda", SIGNED_IN, Map.of("text", "More"), new Outcome(415, null)),
			// Treatment and safety plans: a client whose record is not the caller's is
			// one that does not exist, for clients, therapists and admins alike.
			get("/records/plan/{clientId}", SIGNED_IN, new Outcome(404, null)),
			get("/records/plan/{clientId}/edit", SIGNED_IN, new Outcome(404, null)),
			post("/records/plan/{clientId}", SIGNED_IN, Map.of("version", "0", "p0-text", "Panic"),
					new Outcome(404, null)),
			post("/records/plan/{clientId}/acknowledge", SIGNED_IN, Map.of("version", "1"), new Outcome(404, null)),
			post("/records/plan/{clientId}/review", SIGNED_IN, Map.of("nextReviewDate", "2031-01-01"),
					new Outcome(404, null)),
			get("/records/safety-plan/{clientId}", SIGNED_IN, new Outcome(404, null)),
			get("/records/safety-plan/{clientId}/edit", SIGNED_IN, new Outcome(404, null)),
			post("/records/safety-plan/{clientId}", SIGNED_IN, Map.of("version", "0", "warningSigns", "Pacing"),
					new Outcome(404, null)),
			get("/api/v1/records/plans/{clientId}", SIGNED_IN, new Outcome(404, null)),
			get("/api/v1/records/safety-plan/{clientId}", SIGNED_IN, new Outcome(404, null)),
			// Form posts to JSON endpoints: refused for their media type once
			// authorization let them through.
			post("/api/v1/records/plans/{clientId}", SIGNED_IN, Map.of("version", "0"), new Outcome(415, null)),
			post("/api/v1/records/plans/{clientId}/acknowledgement", SIGNED_IN, Map.of("version", "1"),
					new Outcome(415, null)),
			post("/api/v1/records/plans/{clientId}/review", SIGNED_IN, Map.of("nextReviewDate", "x"),
					new Outcome(415, null)),
			post("/api/v1/records/safety-plan/{clientId}", SIGNED_IN, Map.of("version", "0"), new Outcome(415, null)),
			// Records: outcome measures. A client whose record the caller may not read,
			// an assignment, response or alert that is not theirs: 404.
			get("/records/measures", SIGNED_IN, page("Questionnaires · Haven")),
			get("/records/measures/assignments/{id}", SIGNED_IN, new Outcome(404, null)),
			post("/records/measures/assignments/{id}", SIGNED_IN, Map.of("item1", "0"), new Outcome(404, null)),
			post("/records/measures/assignments/{id}/stop", SIGNED_IN, Map.of(), new Outcome(404, null)),
			get("/records/measures/responses/{id}", SIGNED_IN, new Outcome(404, null)),
			post("/records/measures/flags/{id}/acknowledge", SIGNED_IN, Map.of(), new Outcome(404, null)),
			get("/records/measures/clients/{id}", SIGNED_IN, new Outcome(404, null)),
			post("/records/measures/clients/{id}/assignments", SIGNED_IN, Map.of("instrument", "PHQ9"),
					new Outcome(404, null)),
			post("/records/measures/clients/{id}/share", SIGNED_IN, Map.of("shared", "true"), new Outcome(404, null)),
			get("/records/measures/clients/{id}/administer", SIGNED_IN, new Outcome(404, null)),
			post("/records/measures/clients/{id}/administer", SIGNED_IN, Map.of("item1", "0"), new Outcome(404, null)),
			get("/api/v1/records/measures/due", SIGNED_IN, ok("[]")),
			get("/api/v1/records/measures/clients/{id}/results", SIGNED_IN, new Outcome(404, null)),
			post("/api/v1/records/measures/clients/{id}/assignments", SIGNED_IN, Map.of("instrument", "PHQ9"),
					new Outcome(415, null)),
			post("/api/v1/records/measures/assignments/{id}/responses", SIGNED_IN, Map.of("item1", "0"),
					new Outcome(415, null)));

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	TestAccounts accounts;

	@BeforeEach
	void setUp() {
		accounts = TestAccounts.in(context);
	}

	static Stream<Arguments> everyEndpointForEveryCaller() {
		return ENDPOINTS.stream()
			.flatMap(endpoint -> Arrays.stream(Caller.values()).map(caller -> Arguments.of(endpoint, caller)));
	}

	@ParameterizedTest(name = "{1} {0}")
	@MethodSource("everyEndpointForEveryCaller")
	void eachCallerReachesExactlyWhatTheirRoleAllows(Endpoint endpoint, Caller caller) {
		WebSession browser = sessionOf(caller);
		Response response = endpoint.method().equals("GET") ? browser.get(endpoint.path())
				: browser.post(endpoint.path(), endpoint.form());

		assertOutcome(response, expected(endpoint, caller));
	}

	/**
	 * The rules of identity and of every module's AccessRules, as a person would state
	 * them.
	 */
	static Outcome expected(Endpoint endpoint, Caller caller) {
		Audience audience = endpoint.audience();
		if (audience == EVERYONE) {
			return endpoint.allowed();
		}
		if (audience == NOBODY) {
			return new Outcome(404, null);
		}
		return switch (caller) {
			case ANONYMOUS -> endpoint.api() ? new Outcome(401, null) : redirect("/login");
			case HALF_SIGNED_IN -> audience == SECOND_FACTOR_STEP ? endpoint.allowed()
					: endpoint.api() ? new Outcome(403, null) : redirect("/login/2fa");
			case CLIENT -> audience == SIGNED_IN || audience == CARE_PARTIES || audience == CLIENTS ? endpoint.allowed()
					: new Outcome(403, null);
			case THERAPIST -> audience == SIGNED_IN || audience == CARE_PARTIES || audience == THERAPISTS
					? endpoint.allowed() : new Outcome(403, null);
			case ADMIN -> audience == SIGNED_IN || audience == ADMINS ? endpoint.allowed() : new Outcome(403, null);
		};
	}

	@Test
	void theTableCoversEveryMappingOfHavensControllers() {
		Set<String> mapped = new TreeSet<>();
		mappings.getHandlerMethods().forEach((info, handler) -> {
			// Boot's error endpoint, which Haven only adapts, has tests of its own
			// (ErrorEndpointsIntegrationTests).
			if (handler.getBeanType().getPackageName().startsWith("org.haven")
					&& !ErrorController.class.isAssignableFrom(handler.getBeanType())) {
				Set<String> methods = info.getMethodsCondition().getMethods().isEmpty() ? Set.of("ANY")
						: info.getMethodsCondition().getMethods().stream().map(Enum::name).collect(Collectors.toSet());
				info.getPatternValues()
					.forEach(pattern -> methods.forEach(method -> mapped.add(method + " " + pattern)));
			}
		});
		assertThat(mapped).as("Haven's own mappings").isNotEmpty();
		assertThat(ENDPOINTS.stream().map(Endpoint::toString).toList()).containsAll(mapped).doesNotHaveDuplicates();
	}

	@Test
	void aForbiddenAdminFormChangesNothing() {
		TestAccount victim = accounts.client(uniqueEmail("victim"));
		UUID invitation = pendingInvitation();

		for (Caller caller : List.of(Caller.ANONYMOUS, Caller.HALF_SIGNED_IN, Caller.CLIENT, Caller.THERAPIST)) {
			WebSession browser = sessionOf(caller);
			Outcome refused = expected(endpoint("POST /admin/invitations"), caller);
			String invited = uniqueEmail("uninvited");
			assertOutcome(browser.post("/admin/users/" + victim.id() + "/role", Map.of("role", "ADMIN")), refused);
			assertOutcome(browser.post("/admin/users/" + victim.id() + "/status", Map.of("enabled", "false")), refused);
			assertOutcome(browser.post("/admin/invitations", Map.of("email", invited, "role", "ADMIN")), refused);
			assertOutcome(browser.post("/admin/invitations/" + invitation + "/revoke", Map.of()), refused);

			assertThat(roleAndStatus(victim.id())).as("%s changed the victim", caller).isEqualTo("CLIENT ACTIVE");
			assertThat(count("select count(*) from invitation where email = ?", invited)).as("%s invited", caller)
				.isZero();
			assertThat(count("select count(*) from invitation where id = ? and revoked_at is null", invitation))
				.as("%s withdrew the invitation", caller)
				.isOne();
		}

		// The same form from an admin does change the role, so the checks above could
		// have seen a change.
		Response byAdmin = sessionOf(Caller.ADMIN).post("/admin/users/" + victim.id() + "/role",
				Map.of("role", "ADMIN"));
		assertOutcome(byAdmin, redirect("/admin/users?updated"));
		assertThat(roleAndStatus(victim.id())).isEqualTo("ADMIN ACTIVE");
	}

	private static void assertOutcome(Response response, Outcome expected) {
		String seen = response.status() + " " + response.location() + " " + abbreviate(response.body());
		assertThat(response.status()).as("status, having got %s", seen).isEqualTo(expected.status());
		if (expected.status() == 302) {
			assertThat(pathAndQuery(response.location())).as("redirect").isEqualTo(expected.shows());
		}
		else if (expected.shows() != null) {
			assertThat(response.body()).as("body").contains(expected.shows());
		}
	}

	/**
	 * A fresh session of a fresh account, showing a page so that its forms carry that
	 * session's CSRF token.
	 */
	private WebSession sessionOf(Caller caller) {
		WebSession browser = browser();
		switch (caller) {
			case ANONYMOUS -> {
			}
			case HALF_SIGNED_IN -> {
				TestAccount admin = accounts.admin(uniqueEmail("half"));
				assertThat(pathAndQuery(browser.signIn(admin.email(), admin.password()).location()))
					.isEqualTo("/login/2fa");
			}
			case CLIENT -> {
				TestAccount client = accounts.client(uniqueEmail("client"));
				browser.signIn(client.email(), client.password(), null);
			}
			case THERAPIST -> {
				TestAccount therapist = accounts.therapist(uniqueEmail("therapist"));
				browser.signIn(therapist.email(), therapist.password(), therapist.code());
			}
			case ADMIN -> {
				TestAccount admin = accounts.admin(uniqueEmail("admin"));
				browser.signIn(admin.email(), admin.password(), admin.code());
			}
		}
		assertThat(browser.get("/").status()).isEqualTo(200);
		if (browser.csrfToken() == null) {
			// Public pages carry no token (they start no session): a stranger who posts
			// has loaded a form, such as sign-in's.
			assertThat(browser.get("/login").status()).isEqualTo(200);
		}
		return browser;
	}

	private UUID pendingInvitation() {
		String email = uniqueEmail("invited");
		Response sent = sessionOf(Caller.ADMIN).post("/admin/invitations", Map.of("email", email, "role", "THERAPIST"));
		assertOutcome(sent, redirect("/admin/invitations?sent"));
		return jdbc.sql("select id from invitation where email = ?").param(email).query(UUID.class).single();
	}

	private String roleAndStatus(UUID account) {
		return jdbc.sql("select role || ' ' || status from account where id = ?")
			.param(account)
			.query(String.class)
			.single();
	}

	private long count(String sql, Object parameter) {
		return jdbc.sql(sql).param(parameter).query(Long.class).single();
	}

	private static Endpoint endpoint(String methodAndPattern) {
		return ENDPOINTS.stream().filter(e -> e.toString().equals(methodAndPattern)).findFirst().orElseThrow();
	}

	private static Endpoint get(String pattern, Audience audience, Outcome allowed) {
		return new Endpoint("GET", pattern, audience, Map.of(), allowed);
	}

	private static Endpoint post(String pattern, Audience audience, Map<String, String> form, Outcome allowed) {
		return new Endpoint("POST", pattern, audience, form, allowed);
	}

	private static Outcome page(String title) {
		return new Outcome(200, "<title>" + title + "</title>");
	}

	private static Outcome ok(String text) {
		return new Outcome(200, text);
	}

	private static Outcome redirect(String pathAndQuery) {
		return new Outcome(302, pathAndQuery);
	}

	static String pathAndQuery(String location) {
		return location.replaceFirst("^https?://[^/]+", "");
	}

	private static String abbreviate(String body) {
		return body.length() > 200 ? body.substring(0, 200) + "..." : body;
	}

}
