package org.haven.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.haven.messaging.TestMessages;
import org.haven.care.CareRelationships;
import org.haven.identity.TestAccounts.TestAccount;
import org.haven.messaging.ChatFixture;
import org.haven.messaging.MessagePosted;
import org.haven.messaging.MessagesPosted;
import org.haven.notifications.internal.NotificationProperties;
import org.haven.notifications.internal.Preferences;
import org.haven.notifications.internal.UnreadNotices;
import org.haven.shared.crypto.FieldEncryption;
import org.haven.shared.mail.MailOutbox;
import org.haven.shared.time.Timestamps;
import org.haven.support.IntegrationTest;
import org.haven.support.TestMail;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import jakarta.mail.internet.MimeMessage;

/**
 * Word of unread chat messages and letters (docs/messaging.md): one content-free mail
 * after the delay, none when read in time, never twice, batched, after quiet hours, and
 * through an SMTP outage.
 */
class UnreadNoticeIntegrationTests extends IntegrationTest {

	private static final String SUBJECT = "Something new in Haven";

	private static final String SECRET = "I could not stop crying after the funeral";

	@Autowired
	ApplicationContext context;

	@Autowired
	UnreadNotices notices;

	@Autowired
	Preferences preferences;

	@Autowired
	MailOutbox outbox;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	FieldEncryption encryption;

	@Autowired
	NotificationProperties properties;

	@Test
	void aMessageLeftUnreadBringsOneMailAfterTheDelayThatSaysNothingOfIt() throws Exception {
		ChatFixture chat = fixture("unread-basic");
		Instant at = clock.instant();
		post(chat, chat.client(), SECRET);

		moveTo(at.plus(delay()).minusSeconds(1));
		notices.sendDue();
		outbox.deliverDue();
		assertThat(unreadMails(chat.therapist())).as("a second early").isEmpty();

		moveTo(at.plus(delay()));
		notices.sendDue();
		MimeMessage mail = awaitUnreadMail(chat.therapist(), 1);
		assertThat(TestMail.subject(mail)).isEqualTo(SUBJECT);
		String body = TestMail.body(mail);
		assertThat(body).contains("from your client")
			.contains("http://localhost/messages")
			.doesNotContain(SECRET)
			.doesNotContain("crying")
			.doesNotContainIgnoringCase(chat.client().email())
			.doesNotContain("Test client")
			.doesNotContain("Test Client")
			.doesNotContain("Dr. Practice")
			.doesNotContain(chat.conversation().toString());
		assertThat(TestMail.subject(mail)).doesNotContain("crying");
		assertThat(mail.getHeader("List-Unsubscribe", null)).isEqualTo("<http://localhost/account/notifications>");
		assertThat(mail.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
		assertThat(unreadMails(chat.client())).as("the author is not told about their own message").isEmpty();
	}

	@Test
	void aMessageReadInTimeBringsNoMail() {
		ChatFixture chat = fixture("unread-read");
		Instant at = clock.instant();
		long seq = post(chat, chat.client(), "Are you there?");

		moveTo(at.plus(delay()).minus(Duration.ofMinutes(1)));
		messages().read(chat.therapist().id(), chat.conversation(), seq);
		moveTo(at.plus(delay()));
		notices.sendDue();
		outbox.deliverDue();
		assertThat(unreadMails(chat.therapist())).isEmpty();
		assertThat(pendingChecks(chat.therapist())).isZero();
	}

	@Test
	void nothingIsAnnouncedTwiceNotByAnotherRoundNorByTheSameEventDeliveredAgain() {
		ChatFixture chat = fixture("unread-once");
		Instant at = clock.instant();
		long seq = post(chat, chat.therapist(), "See you on Tuesday");
		moveTo(at.plus(delay()));
		notices.sendDue();
		assertThat(TestMail.body(awaitUnreadMail(chat.client(), 1))).contains("from your therapist");
		notices.sendDue();

		// What the event publication registry does with an incomplete publication when
		// Haven starts again.
		transactions.executeWithoutResult(status -> events.publishEvent(MessagesPosted
			.of(new MessagePosted(chat.conversation(), seq, chat.therapist().id(), chat.client().id(), at))));
		awaitListened(chat);
		moveTo(at.plus(delay().multipliedBy(3)));
		notices.sendDue();
		outbox.deliverDue();
		assertThat(unreadMails(chat.client())).hasSize(1);
		assertThat(pendingChecks(chat.client())).isZero();
	}

	@Test
	void messagesArrivingWithinTheDelayShareOneMail() {
		ChatFixture chat = fixture("unread-batch");
		Instant at = clock.instant();
		post(chat, chat.client(), "One");
		clock.advance(Duration.ofMinutes(3));
		post(chat, chat.client(), "Two");
		clock.advance(Duration.ofMinutes(3));
		post(chat, chat.client(), "Three");
		awaitListened(chat);
		assertThat(pendingChecks(chat.therapist())).isEqualTo(1);

		moveTo(at.plus(delay()));
		notices.sendDue();
		awaitUnreadMail(chat.therapist(), 1);
		moveTo(at.plus(delay().multipliedBy(2)));
		notices.sendDue();
		outbox.deliverDue();
		assertThat(unreadMails(chat.therapist())).hasSize(1);
	}

	@Test
	void aNewMessageAfterAnAnnouncedOneIsAnnouncedAfterItsOwnDelay() {
		ChatFixture chat = fixture("unread-again");
		Instant first = clock.instant();
		post(chat, chat.client(), "First");
		moveTo(first.plus(delay()));
		notices.sendDue();
		awaitUnreadMail(chat.therapist(), 1);

		clock.advance(Duration.ofMinutes(2));
		Instant second = clock.instant();
		post(chat, chat.client(), "Second, and the first is still unread");
		moveTo(second.plus(delay()).minusSeconds(1));
		notices.sendDue();
		outbox.deliverDue();
		assertThat(unreadMails(chat.therapist())).hasSize(1);

		moveTo(second.plus(delay()));
		notices.sendDue();
		awaitUnreadMail(chat.therapist(), 2);
	}

	@Test
	void someoneWhoTurnedMessageMailsOffGetsNone() {
		ChatFixture chat = fixture("unread-off");
		preferences.save(chat.therapist().id(), new Preferences.Form(true, true, false, "", "", ""));
		Instant at = clock.instant();
		post(chat, chat.client(), "Hello?");
		moveTo(at.plus(delay()));
		notices.sendDue();
		outbox.deliverDue();
		assertThat(unreadMails(chat.therapist())).isEmpty();
		assertThat(pendingChecks(chat.therapist())).isZero();
	}

	/**
	 * Quiet hours are kept in the recipient's own zone: Kathmandu is 5:45 ahead of UTC,
	 * so UTC would be off.
	 */
	@Test
	void quietHoursPostponeTheMailToTheirEndInTheRecipientsZone() {
		ChatFixture chat = fixture("unread-quiet");
		ZoneId zone = ZoneId.of("Asia/Kathmandu");
		Instant at = clock.instant();
		ZonedDateTime due = at.plus(delay()).atZone(zone);
		ZonedDateTime from = due.minusHours(1).truncatedTo(ChronoUnit.MINUTES);
		ZonedDateTime end = due.plusHours(2).truncatedTo(ChronoUnit.MINUTES);
		preferences.save(chat.client().id(),
				new Preferences.Form(true, true, true, zone.getId(), hhmm(from), hhmm(end)));
		post(chat, chat.therapist(), "Your plan for the week");

		moveTo(at.plus(delay()));
		notices.sendDue();
		assertThat(dueAt(chat.client())).isEqualTo(end.toInstant());

		moveTo(end.toInstant().minusSeconds(1));
		notices.sendDue();
		outbox.deliverDue();
		assertThat(unreadMails(chat.client())).isEmpty();

		moveTo(end.toInstant());
		notices.sendDue();
		assertThat(TestMail.body(awaitUnreadMail(chat.client(), 1))).contains("from your therapist");
	}

	@Test
	void anSmtpOutageDelaysTheMailAndLosesNothing() {
		ChatFixture chat = fixture("unread-outage");
		Instant at = clock.instant();
		post(chat, chat.client(), "Can we talk?");
		TestMail.stop();
		try {
			moveTo(at.plus(delay()));
			notices.sendDue();
			// Queued in the transaction that removed the check, whichever poller ran it.
			Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> pendingChecks(chat.therapist()) == 0);
			outbox.deliverDue();
		}
		finally {
			TestMail.restart();
		}
		assertThat(unreadMails(chat.therapist())).isEmpty();
		clock.advance(Duration.ofMinutes(1));
		outbox.deliverDue();
		awaitUnreadMail(chat.therapist(), 1);
		clock.advance(Duration.ofMinutes(10));
		notices.sendDue();
		outbox.deliverDue();
		assertThat(unreadMails(chat.therapist())).hasSize(1);
	}

	@Test
	void aLetterLeftUnreadIsAnnouncedLikeAChatMessage() {
		ChatFixture chat = fixture("unread-letter");
		messages().open(chat.client().id(), chat.conversation()); // brings the
																	// conversation into
																	// being
		UUID thread = UUID.randomUUID();
		Instant at = clock.instant();
		jdbc.sql(
				"""
						insert into letter_thread (id, conversation_id, subject, started_by, started_at, last_letter_at, last_author_id)
						values (:id, :c, :subject, :author, :now, :now, :author)""")
			.param("id", thread)
			.param("c", chat.conversation())
			.param("subject", encryption.encrypt("About my mother"))
			.param("author", chat.client().id())
			.param("now", Timestamps.utc(at))
			.update();
		messages().letter(chat.client().id(), chat.conversation(), thread, SECRET);
		awaitListened(chat);

		moveTo(at.plus(delay()));
		notices.sendDue();
		String body = TestMail.body(awaitUnreadMail(chat.therapist(), 1));
		assertThat(body).contains("from your client").doesNotContain("mother").doesNotContain("crying");
	}

	@Test
	void messagesFromSeveralClientsShareOneMailThatNamesNoOne() {
		ChatFixture chat = fixture("unread-several");
		TestAccount other = chat.practice().clientInCare(uniqueEmail("unread-several-second"), true);
		UUID otherConversation = context.getBean(CareRelationships.class)
			.active(other.id(), chat.therapist().id())
			.orElseThrow();
		ChatFixture second = new ChatFixture(chat.practice(), chat.therapist(), other, otherConversation);
		Instant at = clock.instant();
		post(chat, chat.client(), "From the first client");
		post(second, other, "From the second client");

		moveTo(at.plus(delay()));
		notices.sendDue();
		String body = TestMail.body(awaitUnreadMail(chat.therapist(), 1));
		assertThat(body).contains("more than one of your conversations")
			.doesNotContain("your client")
			.contains("/messages");
		outbox.deliverDue();
		assertThat(unreadMails(chat.therapist())).hasSize(1);
	}

	private ChatFixture fixture(String name) {
		return ChatFixture.create(context, uniqueEmail(name + "-therapist"), uniqueEmail(name + "-client"));
	}

	/**
	 * Posts a chat message as the author and waits until notifications heard of it;
	 * returns its sequence.
	 */
	private long post(ChatFixture chat, TestAccount author, String text) {
		long seq = messages().chat(author.id(), chat.conversation(), text);
		awaitListened(chat);
		return seq;
	}

	private TestMessages messages() {
		return TestMessages.in(context);
	}

	/**
	 * Until the unread listener has handled every event of the conversation published so
	 * far: a publication is stored with the event's transaction and deleted when its
	 * listener completes (completion mode delete).
	 */
	private void awaitListened(ChatFixture chat) {
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> jdbc
				.sql("""
						select count(*) from event_publication where serialized_event like :c and listener_id like '%UnreadNotices%'""")
				.param("c", "%" + chat.conversation() + "%")
				.query(Long.class)
				.single() == 0);
	}

	private long pendingChecks(TestAccount account) {
		return jdbc.sql("select count(*) from unread_check where account_id = :a")
			.param("a", account.id())
			.query(Long.class)
			.single();
	}

	private Instant dueAt(TestAccount account) {
		return jdbc.sql("select due_at from unread_check where account_id = :a")
			.param("a", account.id())
			.query(OffsetDateTime.class)
			.single()
			.toInstant();
	}

	private Duration delay() {
		return properties.unreadDelay();
	}

	private void moveTo(Instant instant) {
		clock.advance(Duration.between(clock.instant(), instant));
	}

	private static String hhmm(ZonedDateTime time) {
		return String.format("%02d:%02d", time.getHour(), time.getMinute());
	}

	private static MimeMessage awaitUnreadMail(TestAccount account, int n) {
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> unreadMails(account).size() >= n);
		return unreadMails(account).get(n - 1);
	}

	private static List<MimeMessage> unreadMails(TestAccount account) {
		return TestMail.to(account.email()).stream().filter(m -> SUBJECT.equals(TestMail.subject(m))).toList();
	}

}
