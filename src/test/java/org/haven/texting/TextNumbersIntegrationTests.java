package org.haven.texting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.haven.care.CareRelationships;
import org.haven.care.TestCare;
import org.haven.messaging.ChatFixture;
import org.haven.scheduling.TestPractice;
import org.haven.support.IntegrationTest;

import org.haven.support.WebSession;
import org.haven.texting.internal.TextOutbox.Purpose;
import org.haven.texting.internal.Texting;
import org.jsmpp.SMPPConstant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A person's number, proved by a texted code, their choices, and the keywords any phone
 * may text: through the pages, the SMPP link and an SMSC over TCP, as in production.
 */
class TextNumbersIntegrationTests extends IntegrationTest {

	private static final AtomicInteger numbers = new AtomicInteger((int) (System.nanoTime() % 5000));

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Texting texting;

	/** A US mobile number no other test uses: +1 201 555 xxxx. */
	private static String newNumber() {
		return String.format("+1201555%04d", 1000 + numbers.incrementAndGet() % 9000);
	}

	private static String code(String text) {
		Matcher matcher = Pattern.compile("code is ([0-9]{6})").matcher(text);
		assertThat(matcher.find()).as("a code in %s", text).isTrue();
		return matcher.group(1);
	}

	private ChatFixture pair(String name) {
		return ChatFixture.create(context, uniqueEmail(name + "-therapist"), uniqueEmail(name + "-client"));
	}

	private WebSession signedIn(ChatFixture pair) {
		return ChatFixture.signIn(browser(), pair.client());
	}

	private WebSession verified(WebSession client, String number) {
		int before = TestSmsc.to(number).size();
		assertThat(client.submit("/account/texts", "/account/texts/number", Map.of("number", number)).location())
			.endsWith("/account/texts?sent");
		String code = code(TestSmsc.awaitText(number, before + 1).body());
		assertThat(client.post("/account/texts/verify", Map.of("code", code)).location())
			.endsWith("/account/texts?verified");
		return client;
	}

	@Test
	void aClientProvesTheNumberWithATextedCodeAndChoosesWhatComesByText() {
		ChatFixture pair = pair("texts-verify");
		WebSession client = signedIn(pair);
		String number = newNumber();
		assertThat(client.get("/account/texts").body()).contains("Your mobile number").contains("Text me a code");

		verified(client, number);
		String page = client.get("/account/texts").body();
		assertThat(page).contains("(verified)").contains("Texts are not end-to-end private");
		// The code text says nothing of care.
		assertThat(TestSmsc.to(number).get(0).body()).startsWith("Haven: your code is ");

		// Clinical texting needs the acknowledgement.
		WebSession.Response refused = client.post("/account/texts/choices",
				Map.of("reminders", "true", "clinical", "true"));
		assertThat(refused.status()).isEqualTo(200);
		assertThat(refused.body()).contains("not end-to-end private");
		assertThat(client
			.post("/account/texts/choices",
					Map.of("reminders", "true", "clinical", "true", "privacyUnderstood", "true"))
			.location()).endsWith("/account/texts?saved");
		assertThat(jdbc.sql("select conversation_id from text_number where account_id = :id")
			.param("id", pair.client().id())
			.query(java.util.UUID.class)
			.single()).isEqualTo(pair.conversation());
		assertThat(jdbc.sql("select count(*) from audit_entry where action = 'TEXTING_CONSENT_GIVEN' and subject = :s")
			.param("s", "account:" + pair.client().id())
			.query(Long.class)
			.single()).isEqualTo(1);

		// Reminders and clinical texts may now go to it.
		texting.send(number, pair.client().id(), Purpose.REMINDER, "Reminder: session tomorrow at 10:00.", null);
		assertThat(TestSmsc.awaitText(number, 2).body()).isEqualTo("Reminder: session tomorrow at 10:00.");
	}

	@Test
	void wrongCodesCountAndTheCodeDiesAfterFive() {
		ChatFixture pair = pair("texts-wrong-code");
		WebSession client = signedIn(pair);
		String number = newNumber();
		client.submit("/account/texts", "/account/texts/number", Map.of("number", number));
		String code = code(TestSmsc.awaitText(number, 1).body());
		String wrong = code.equals("000000") ? "111111" : "000000";
		for (int i = 4; i >= 1; i--) {
			WebSession.Response response = client.post("/account/texts/verify", Map.of("code", wrong));
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.body()).contains(i + (i == 1 ? " try left" : " tries left"));
		}
		assertThat(client.post("/account/texts/verify", Map.of("code", wrong)).body()).contains("has expired");
		// Even the right code is refused now.
		assertThat(client.post("/account/texts/verify", Map.of("code", code)).body()).contains("has expired");
		assertThat(jdbc.sql("select verified_at is null from text_number where account_id = :id")
			.param("id", pair.client().id())
			.query(Boolean.class)
			.single()).isTrue();
	}

	@Test
	void codesAreLimitedPerNumberEachHour() {
		ChatFixture pair = pair("texts-limit");
		WebSession client = signedIn(pair);
		String number = newNumber();
		for (int i = 1; i <= 3; i++) {
			assertThat(client.submit("/account/texts", "/account/texts/number", Map.of("number", number)).status())
				.isEqualTo(302);
		}
		WebSession.Response refused = client.post("/account/texts/number", Map.of("number", number));
		assertThat(refused.status()).isEqualTo(200);
		assertThat(refused.body()).contains("Too many codes");
		await().atMost(Duration.ofSeconds(15)).until(() -> TestSmsc.to(number).size() == 3);
	}

	@Test
	void invalidNumbersAreRefusedAndNothingIsStored() {
		ChatFixture pair = pair("texts-invalid");
		WebSession client = signedIn(pair);
		for (String typed : new String[] { "", "12", "call me", "+44 20 7946 0958", "+1 800 555 0199" }) {
			WebSession.Response refused = client.submit("/account/texts", "/account/texts/number",
					Map.of("number", typed));
			assertThat(refused.status()).as(typed).isEqualTo(200);
			assertThat(refused.body()).as(typed).contains("There is a problem");
		}
		assertThat(jdbc.sql("select count(*) from text_number where account_id = :id")
			.param("id", pair.client().id())
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void stopOptsOutAtOnceWithOneConfirmationAndStartOptsBackIn() {
		ChatFixture pair = pair("texts-stop");
		WebSession client = signedIn(pair);
		String number = newNumber();
		verified(client, number);
		client.post("/account/texts/choices", Map.of("reminders", "true"));

		TestSmsc.fromPhone(number, "  Stop ");
		assertThat(TestSmsc.awaitText(number, 2).body()).contains("no more texts").contains("START");
		assertThatThrownBy(() -> texting.send(number, null, Purpose.REMINDER, "Reminder", null))
			.isInstanceOf(Texting.NotAllowed.class);
		// A second STOP gets no second confirmation.
		TestSmsc.fromPhone(number, "UNSUBSCRIBE");
		TestSmsc.fromPhone(number, "help");
		assertThat(TestSmsc.awaitText(number, 3).body()).contains("Haven").contains("Reply STOP");
		assertThat(client.get("/account/texts").body()).contains("texted STOP");

		TestSmsc.fromPhone(number, "START");
		assertThat(TestSmsc.awaitText(number, 4).body()).contains("again");
		texting.send(number, null, Purpose.REMINDER, "Reminder after START", null);
		assertThat(TestSmsc.awaitText(number, 5).body()).isEqualTo("Reminder after START");
	}

	@Test
	void nothingGoesToUnverifiedNumbersOrForWhatWasNotChosen() {
		ChatFixture pair = pair("texts-unverified");
		WebSession client = signedIn(pair);
		String number = newNumber();
		client.submit("/account/texts", "/account/texts/number", Map.of("number", number));
		TestSmsc.awaitText(number, 1);
		assertThatThrownBy(() -> texting.send(number, null, Purpose.REMINDER, "Reminder", null))
			.isInstanceOf(Texting.NotAllowed.class);
		assertThatThrownBy(() -> texting.send(number, null, Purpose.CLINICAL, "Hello", null))
			.isInstanceOf(Texting.NotAllowed.class);
		String code = code(TestSmsc.to(number).get(0).body());
		client.post("/account/texts/verify", Map.of("code", code));
		// Verified, but neither reminders nor clinical texts were chosen.
		assertThatThrownBy(() -> texting.send(number, null, Purpose.REMINDER, "Reminder", null))
			.isInstanceOf(Texting.NotAllowed.class);
		assertThatThrownBy(() -> texting.send(number, null, Purpose.CLINICAL, "Hello", null))
			.isInstanceOf(Texting.NotAllowed.class);
		assertThat(TestSmsc.to(number)).hasSize(1);
	}

	@Test
	void aStrangerGetsOnePoliteAnswerADayAndWhatTheyWroteIsNotStored() {
		String stranger = newNumber();
		long items = jdbc.sql("select count(*) from conversation_item").query(Long.class).single();
		TestSmsc.fromPhone(stranger, "I feel awful tonight");
		String answer = TestSmsc.awaitText(stranger, 1).body();
		assertThat(answer).contains("cannot reach anyone at Haven").doesNotContain("awful");
		TestSmsc.fromPhone(stranger, "Hello?");
		TestSmsc.fromPhone(stranger, "INFO");
		// The HELP answer comes; a second polite answer does not.
		assertThat(TestSmsc.awaitText(stranger, 2).body()).contains("Help:");
		assertThat(TestSmsc.to(stranger)).hasSize(2);
		assertThat(jdbc.sql("select count(*) from conversation_item").query(Long.class).single()).isEqualTo(items);
	}

	@Test
	void textsHavenCannotReadAreAnsweredWithAnErrorAndNothingIsStored() throws Exception {
		ChatFixture pair = pair("texts-malformed");
		WebSession client = signedIn(pair);
		String number = newNumber();
		verified(client, number);
		client.post("/account/texts/choices", Map.of("clinical", "true", "privacyUnderstood", "true"));
		long outbox = jdbc.sql("select count(*) from text_outbox").query(Long.class).single();
		await().atMost(Duration.ofSeconds(15)).until(TestSmsc.server()::linked);
		// 8-bit binary data, a header longer than the message, an empty text, and a
		// receipt
		// Haven cannot read: each gets ESME_RX_R_APPN, a permanent refusal.
		assertThat(TestSmsc.server().deliverRaw(number, (byte) 0, (byte) 0x04, new byte[] { 1, 2, 3 }))
			.isEqualTo(SMPPConstant.STAT_ESME_RX_R_APPN);
		assertThat(TestSmsc.server().deliverRaw(number, (byte) 0x40, (byte) 0, new byte[] { 9, 0, 3 }))
			.isEqualTo(SMPPConstant.STAT_ESME_RX_R_APPN);
		assertThat(TestSmsc.server().deliverRaw(number, (byte) 0, (byte) 0, new byte[0]))
			.isEqualTo(SMPPConstant.STAT_ESME_RX_R_APPN);
		assertThat(TestSmsc.server().deliverRaw(number, (byte) 0x04, (byte) 0, "not a receipt".getBytes()))
			.isEqualTo(SMPPConstant.STAT_ESME_RX_R_APPN);
		assertThat(jdbc.sql("select count(*) from conversation_item where conversation_id = :c")
			.param("c", pair.conversation())
			.query(Long.class)
			.single()).isZero();
		assertThat(jdbc.sql("select count(*) from text_outbox").query(Long.class).single()).isEqualTo(outbox);
		// The link stays up and takes the next good text.
		TestSmsc.fromPhone(number, "Still there?");
		await().atMost(Duration.ofSeconds(15))
			.until(() -> jdbc.sql("select count(*) from conversation_item where conversation_id = :c")
				.param("c", pair.conversation())
				.query(Long.class)
				.single() == 1);
	}

	@Test
	void aClientWithTwoTherapistsChoosesWhichConversationTheirTextsGoTo() {
		ChatFixture first = pair("texts-two-first");
		TestPractice second = TestPractice.open(context, uniqueEmail("texts-two-second-therapist"));
		TestCare.in(context)
			.startCare(first.client().id(), second.therapist().id(),
					TestCare.IntakeAnswers.video("Sleep", "US-NY", "Albany", "Kim 555 0101"));
		UUID secondConversation = context.getBean(CareRelationships.class)
			.active(first.client().id(), second.therapist().id())
			.orElseThrow();
		WebSession client = signedIn(first);
		String number = newNumber();
		verified(client, number);

		String page = client.get("/account/texts").body();
		assertThat(page).contains("My texts go to");
		WebSession.Response unchosen = client.post("/account/texts/choices",
				Map.of("clinical", "true", "privacyUnderstood", "true"));
		assertThat(unchosen.body()).contains("Choose which therapist your texts go to");
		WebSession.Response foreign = client.post("/account/texts/choices", Map.of("clinical", "true",
				"privacyUnderstood", "true", "conversationId", UUID.randomUUID().toString()));
		assertThat(foreign.body()).contains("Choose which therapist your texts go to");
		assertThat(client
			.post("/account/texts/choices", Map.of("clinical", "true", "privacyUnderstood", "true", "conversationId",
					secondConversation.toString()))
			.location()).endsWith("/account/texts?saved");

		TestSmsc.fromPhone(number, "For my second therapist");
		await().atMost(Duration.ofSeconds(15))
			.until(() -> jdbc.sql("select count(*) from conversation_item where conversation_id = :c")
				.param("c", secondConversation)
				.query(Long.class)
				.single() == 1);
		assertThat(jdbc.sql("select count(*) from conversation_item where conversation_id = :c")
			.param("c", first.conversation())
			.query(Long.class)
			.single()).isZero();
	}

}
