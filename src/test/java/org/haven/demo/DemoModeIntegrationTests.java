package org.haven.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.haven.messaging.TestMessages;
import org.haven.care.CareRelationships;
import org.haven.care.TestCare;
import org.haven.care.TestCare.IntakeAnswers;
import org.haven.identity.Accounts;
import org.haven.messaging.Conversations;
import org.haven.directory.Modality;
import org.haven.scheduling.AppointmentDetails;
import org.haven.scheduling.CalendarInvitation;
import org.haven.scheduling.Appointments;
import org.haven.scheduling.TestPractice;
import org.haven.shared.mail.Mailer;
import org.haven.shared.mail.OutgoingMail;
import org.haven.support.CalendarRules;
import org.haven.support.TestSocket;
import org.haven.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.samstevens.totp.code.DefaultCodeGenerator;

/**
 * The embedded default as a new user gets it from {@code ./mvnw spring-boot:run}: no
 * datasource URL, so Haven's own PostgreSQL on a data directory, demo accounts, the
 * in-process mail catcher and /dev/mail. Its own (second) Spring context, on purpose.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DemoModeIntegrationTests {

	static final int SMTP_PORT = freePort();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	@Autowired
	Accounts accounts;

	@Autowired
	ApplicationContext context;

	@Autowired
	CareRelationships relationships;

	@Autowired
	Conversations conversations;

	@Autowired
	Appointments appointments;

	@Autowired
	Mailer mailer;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		// A fresh data directory per run: the embedded database keeps what it holds
		// across starts.
		registry.add("haven.embedded-database.directory", () -> "target/demo-test/postgresql-" + UUID.randomUUID());
		registry.add("haven.demo.mode", () -> "auto");
		registry.add("haven.demo.smtp-port", () -> SMTP_PORT);
		registry.add("haven.texting.demo-smsc-port", () -> "0");
		registry.add("spring.mail.port", () -> SMTP_PORT);
		registry.add("haven.crypto.key-file", () -> "target/demo-test/haven-keys.properties");
	}

	@Test
	void seedsTheDemoAccountsListedInTheReadme() {
		assertThat(jdbc.sql("select email from account order by email").query(String.class).list()).containsExactly(
				"admin@demo.haven.test", "client2@demo.haven.test", "client@demo.haven.test",
				"therapist2@demo.haven.test", "therapist@demo.haven.test");
	}

	@Test
	void seedsProfilesAvailabilityAndTheConsentSoEveryStepCanBeTried() {
		assertThat(
				jdbc.sql("select count(*) from therapist_profile where published = true").query(Integer.class).single())
			.isEqualTo(2);
		// Dr. Reyes: two windows on five weekdays; Sam Okafor: all day, every day.
		assertThat(jdbc.sql("select count(*) from availability_rule").query(Integer.class).single()).isEqualTo(17);
		assertThat(jdbc.sql("select count(*) from consent_document").query(Integer.class).single()).isEqualTo(1);
	}

	@Test
	void eachDemoTherapistHasAPortraitThatStrangersSee() {
		assertThat(jdbc.sql("select count(*) from therapist_photo where media_type = 'image/png'")
			.query(Integer.class)
			.single()).isEqualTo(2);
		UUID robin = jdbc.sql("select id from account where email = 'therapist@demo.haven.test'")
			.query(UUID.class)
			.single();
		WebSession stranger = new WebSession("http://localhost:" + port);
		assertThat(stranger.get("/therapists/" + robin).body()).contains("alt=\"Photo of Dr. Robin Reyes\"");
		var photo = stranger.download("/therapists/" + robin + "/photo");
		assertThat(photo.status()).isEqualTo(200);
		assertThat(photo.header("Content-Type")).isEqualTo("image/png");
	}

	@Test
	void aNewUserCanBookASessionWithSamOkaforThatStartsSoon() {
		UUID sam = jdbc.sql("select id from account where email = 'therapist2@demo.haven.test'")
			.query(UUID.class)
			.single();
		Instant first = TestPractice.freeSlotsOf(context, sam).get(0).start();
		// Every half hour, except across London's spring-forward night, when the clock
		// skips 01:00 to 02:00.
		assertThat(first).isBetween(clock.instant(), clock.instant().plus(Duration.ofMinutes(90)));
	}

	@Test
	void theDemoTherapistSignsInWithPasswordAndTotp() throws Exception {
		WebSession browser = new WebSession("http://localhost:" + port);
		String code = new DefaultCodeGenerator().generate("DEMOTHERAPISTHAVENTOTPSECRETAAAA",
				Math.floorDiv(clock.instant().getEpochSecond(), 30));
		browser.signIn("therapist@demo.haven.test", "demo-therapist-passphrase", code);
		assertThat(browser.get("/home").body()).contains("Dr. Robin Reyes");
	}

	@Test
	void healthIsUpAndMailShowsOnTheDevPage() {
		WebSession browser = new WebSession("http://localhost:" + port);
		assertThat(browser.get("/actuator/health").body()).contains("\"status\":\"UP\"");
		browser.submit("/password-reset", "/password-reset", Map.of("email", "client@demo.haven.test"));
		Awaitility.await().until(() -> browser.get("/dev/mail").body().contains("Reset your Haven password"));
		assertThat(browser.get("/dev/mail").body()).contains("client@demo.haven.test")
			.contains("/password-reset/confirm?token=");
	}

	@Test
	void theDevPageShowsEachMailAsAPersonReadsItAndHandsOutItsCalendarFile() {
		String to = "dev-mail-" + UUID.randomUUID() + "@example.org";
		Instant start = clock.instant().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
		AppointmentDetails session = new AppointmentDetails(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
				Modality.VIDEO, start, start.plus(Duration.ofMinutes(50)), false, 0, ZoneId.of("Europe/London"));
		CalendarInvitation calendar = appointments.invitation(session, to);
		mailer.send(OutgoingMail
			.of(to, "Your Haven session is booked",
					"Sign in to see it: http://localhost:8080/appointments/" + session.id()
							+ "\nA line with an equals sign = and \u00e9 in it.")
			.withAttachment(new OutgoingMail.Attachment(calendar.filename(), calendar.contentType(), calendar.text())));

		WebSession browser = new WebSession("http://localhost:" + port);
		Awaitility.await().until(() -> browser.get("/dev/mail").body().contains(to));
		String page = browser.get("/dev/mail").body();
		String article = page.substring(page.lastIndexOf("<article", page.indexOf(to)),
				page.indexOf("</article>", page.indexOf(to)));
		assertThat(article).contains("Your Haven session is booked")
			.contains("<dt>From</dt>")
			.contains("no-reply@haven.test")
			.contains("<dt>Date</dt>")
			.contains("<time datetime=\"")
			.contains("/appointments/" + session.id())
			.contains("A line with an equals sign = and \u00e9 in it.");
		// The text as a person reads it: no MIME boundaries, headers, transfer encodings
		// or the raw calendar.
		assertThat(article).doesNotContain("Content-Type")
			.doesNotContain("------=_Part")
			.doesNotContain("=3D")
			.doesNotContain("BEGIN:VCALENDAR")
			.doesNotContain("quoted-printable");

		Matcher link = Pattern.compile("href=\"(/dev/mail\\?calendar=[0-9]+)\"").matcher(article);
		assertThat(link.find()).as("a download link for the calendar file").isTrue();
		WebSession.Download file = browser.download(link.group(1));
		assertThat(file.status()).isEqualTo(200);
		assertThat(file.header("Content-Type")).startsWith("text/calendar")
			.contains("method=PUBLISH")
			.containsIgnoringCase("charset=UTF-8");
		assertThat(file.header("Content-Disposition")).startsWith("attachment").contains("filename=\"session.ics\"");
		String ics = new String(file.body(), StandardCharsets.UTF_8);
		assertThat(ics).isEqualTo(calendar.text());
		CalendarRules.check(ics);

		assertThat(browser.download("/dev/mail?calendar=999999").status()).isEqualTo(404);
		assertThat(browser.download("/dev/mail?calendar=-1").status()).isEqualTo(404);
		assertThat(browser.download("/dev/mail?calendar=x").status()).isEqualTo(404);
	}

	@Test
	void chatAndLettersWorkOnTheEmbeddedDatabase() {
		UUID client = accounts.findByEmail("client2@demo.haven.test").orElseThrow().id();
		UUID therapist = accounts.findByEmail("therapist@demo.haven.test").orElseThrow().id();
		UUID relationship = relationships.active(client, therapist)
			.orElseGet(() -> TestCare.in(context)
				.startCare(client, therapist, IntakeAnswers.video("Sleep", "US-CA", "Fresno", "Kim")));

		// The client over /ws, as the chat page does it.
		WebSession browser = new WebSession("http://localhost:" + port);
		browser.signIn("client2@demo.haven.test", "demo-client-passphrase");
		try (TestSocket socket = TestSocket.open(port, browser)) {
			socket.send(TestSocket.frame("chat-open").put("conversation", relationship.toString()));
			long last = socket.next("chat-opened").path("lastSeq").asLong();
			socket.next("chat-items");
			socket.send(TestSocket.frame("chat-send")
				.put("conversation", relationship.toString())
				.put("clientId", UUID.randomUUID().toString())
				.put("text", "Hello from the demo"));
			long seq = socket.next("chat-ack").path("seq").asLong();
			assertThat(seq).isEqualTo(last + 1);
			// The unread notice is scheduled for the therapist (on the embedded
			// database).
			Awaitility.await()
				.until(() -> jdbc.sql("select count(*) from unread_check where account_id = :a")
					.param("a", therapist)
					.query(Integer.class)
					.single() == 1);

			// The therapist's side through the module, on the same embedded database:
			// unread, read, edits, letters.
			TestMessages messages = TestMessages.in(context);
			assertThat(conversations.unread(therapist))
				.anySatisfy(u -> assertThat(u.conversationId()).isEqualTo(relationship));
			assertThat(messages.read(therapist, relationship, seq).therapistRead()).isEqualTo(seq);
			assertThat(conversations.unread(therapist))
				.noneSatisfy(u -> assertThat(u.conversationId()).isEqualTo(relationship));
			messages.startLetter(therapist, relationship, "Between sessions", "A longer note.");
			assertThat(messages.kindsChangedAfter(relationship, seq, 10)).containsExactly("LETTER");
			assertThat(messages.edit(client, relationship, seq, "Hello again")).isEqualTo("Hello again");
			assertThat(messages.delete(client, relationship, seq)).isTrue();
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
