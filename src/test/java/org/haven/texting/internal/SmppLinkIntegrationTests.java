package org.haven.texting.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import org.haven.support.IntegrationTest;
import org.haven.texting.internal.TextOutbox.Purpose;
import org.jsmpp.util.DeliveryReceiptState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The SMPP link against an in-process SMSC speaking SMPP over TCP: bind, keep-alive,
 * sending with receipts, the window and the rate, rebinding after the SMSC drops the link
 * mid-stream without sending anything twice, a lost answer, and a refused bind.
 */
@ExtendWith(OutputCaptureExtension.class)
class SmppLinkIntegrationTests extends IntegrationTest {

	private static final String SYSTEM_ID = "haven-test";

	private static final String PASSWORD = "secret1";

	@Autowired
	TextOutbox outbox;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	InboundTexts inbound;

	@Autowired
	Recipients recipients;

	@Autowired
	Texting texting;

	private DemoSmsc smsc;

	private SmppLink link;

	@BeforeEach
	void startSmsc() throws IOException {
		// The application's own link would send these texts too.
		texting.stop();
		smsc = new DemoSmsc(0, SYSTEM_ID, PASSWORD, clock);
		smsc.receiptDelay(Duration.ofMillis(20));
		// Texts left by another test class would be sent by this link too.
		jdbc.sql("update text_outbox set status = 'FAILED' where status = 'QUEUED'").update();
	}

	@AfterEach
	void stop() {
		if (link != null) {
			link.stop();
		}
		smsc.close();
		texting.start();
	}

	private SmppLink link(String password, Consumer<Settings> settings) {
		Settings chosen = new Settings();
		settings.accept(chosen);
		TextingProperties properties = new TextingProperties(null, chosen.window, chosen.rate, chosen.enquireLink,
				Duration.ofMillis(2000), Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofDays(2), 0, "US",
				"Haven", "", 10);
		TextingProperties.Smsc target = new TextingProperties.Smsc("127.0.0.1", smsc.port(), SYSTEM_ID, password, "",
				"15550100", (byte) 1, (byte) 1, false);
		link = new SmppLink(outbox, properties, target, new SmscListener(outbox, inbound, clock), recipients, clock);
		link.start();
		return link;
	}

	private UUID queue(String body) {
		UUID id = outbox.queue("+12015550123", null, Purpose.NOTICE, body, null);
		if (link != null) {
			link.wake();
		}
		return id;
	}

	private TextStatus status(UUID id) {
		return outbox.status(id).orElseThrow();
	}

	@Test
	void bindsSendsEachSegmentOnceAndTakesTheReceipts() {
		UUID shortText = queue("Your session is tomorrow at 10:00. Reply STOP to stop texts.");
		String longGsm = "Line of a long reminder with {braces} and 20 € in it. ".repeat(6);
		UUID longText = queue(longGsm);
		UUID unicode = queue("Привет! See you on Tuesday 🙂");
		link("secret1", s -> {
		});

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(List.of(status(shortText), status(longText), status(unicode)))
				.containsOnly(TextStatus.DELIVERED));
		assertThat(link.state().phase()).isEqualTo(LinkState.Phase.BOUND);
		assertThat(smsc.submitted()).hasSize(1 + SmsSegments.of(longGsm, 0).size() + 1);
		assertThat(smsc.texts()).extracting(DemoSmsc.Text::body)
			.containsExactlyInAnyOrder("Your session is tomorrow at 10:00. Reply STOP to stop texts.", longGsm,
					"Привет! See you on Tuesday 🙂");
		assertThat(smsc.texts()).filteredOn(t -> t.body().equals(longGsm)).singleElement().satisfies(t -> {
			assertThat(t.encoding()).isEqualTo("GSM");
			assertThat(t.segments()).isGreaterThan(1).isEqualTo(t.expectedSegments());
		});
		assertThat(smsc.texts()).filteredOn(t -> t.body().startsWith("Привет"))
			.singleElement()
			.satisfies(t -> assertThat(t.encoding()).isEqualTo("UCS-2"));
		// Delivered texts keep no body.
		assertThat(jdbc.sql("select body from text_outbox where id = :id")
			.param("id", shortText)
			.query(String.class)
			.single()).isEmpty();
	}

	@Test
	void keepsTheLinkAliveWithEnquireLink() {
		link("secret1", s -> s.enquireLink = Duration.ofMillis(150));
		await().atMost(Duration.ofSeconds(10)).until(() -> smsc.enquireLinks() >= 3);
		assertThat(link.state().phase()).isEqualTo(LinkState.Phase.BOUND);
		assertThat(smsc.binds()).isEqualTo(1);
	}

	@Test
	void receiptsOfFailuresSettleTheText() {
		link("secret1", s -> {
		});
		smsc.receiptState(DeliveryReceiptState.UNDELIV);
		UUID undeliverable = queue("First");
		await().atMost(Duration.ofSeconds(10)).until(() -> status(undeliverable) == TextStatus.UNDELIVERABLE);
		smsc.receiptState(DeliveryReceiptState.EXPIRED);
		UUID expired = queue("Second");
		await().atMost(Duration.ofSeconds(10)).until(() -> status(expired) == TextStatus.EXPIRED);
		smsc.receiptState(DeliveryReceiptState.REJECTD);
		UUID rejected = queue("Third");
		await().atMost(Duration.ofSeconds(10)).until(() -> status(rejected) == TextStatus.REJECTED);
	}

	@Test
	void keepsTheWindow() {
		// The SMSC answers slowly and the rate is no limit: only the window holds the
		// link
		// back.
		smsc.answerDelay(Duration.ofMillis(80));
		List<UUID> texts = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			texts.add(queue("Text number " + i));
		}
		link("secret1", s -> {
			s.window = 4;
			s.rate = 5000;
		});
		await().atMost(Duration.ofSeconds(30))
			.until(() -> texts.stream().allMatch(id -> status(id) == TextStatus.DELIVERED));
		assertThat(smsc.submitted()).hasSize(40);
		assertThat(smsc.mostInFlight()).isEqualTo(4);
	}

	@Test
	void keepsTheRate() {
		List<UUID> texts = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			texts.add(queue("Text number " + i));
		}
		link("secret1", s -> {
			s.window = 10;
			s.rate = 40;
		});
		await().atMost(Duration.ofSeconds(30))
			.until(() -> texts.stream().allMatch(id -> status(id) == TextStatus.DELIVERED));
		List<DemoSmsc.Submitted> submitted = smsc.submitted();
		assertThat(submitted).hasSize(60);
		// 60 submissions at 40 a second, evenly spaced: 59 gaps of 25 ms at least (the
		// first may go at once).
		long spanMillis = (submitted.get(59).nanos() - submitted.get(0).nanos()) / 1_000_000;
		assertThat(spanMillis).isGreaterThanOrEqualTo(59 * 25 - 25);
	}

	@Test
	void rebindsAfterTheSmscDropsTheLinkAndSendsNothingTwice() {
		List<UUID> texts = new ArrayList<>();
		for (int i = 0; i < 150; i++) {
			texts.add(queue("Reminder " + i + (i % 10 == 0 ? " and a long tail. ".repeat(12) : "")));
		}
		link("secret1", s -> {
			s.window = 10;
			s.rate = 300;
		});
		await().atMost(Duration.ofSeconds(20)).until(() -> smsc.submitted().size() >= 40);
		smsc.dropLinks();
		await().atMost(Duration.ofSeconds(20)).until(() -> smsc.submitted().size() >= 100 && smsc.binds() >= 2);
		smsc.dropLinks();
		await().atMost(Duration.ofSeconds(60)).until(() -> texts.stream().map(this::status).allMatch(TextStatus::done));

		assertThat(smsc.binds()).isGreaterThanOrEqualTo(3);
		Map<String, Integer> copies = new HashMap<>();
		for (DemoSmsc.Submitted segment : smsc.submitted()) {
			String key = segment.text() + "#" + segment.concat().map(c -> c.ref() + "/" + c.index()).orElse("");
			copies.merge(key, 1, Integer::sum);
		}
		assertThat(copies.values()).as("no segment reached the SMSC twice").containsOnly(1);
		long unconfirmed = texts.stream().filter(id -> status(id) == TextStatus.UNCONFIRMED).count();
		// Only what was waiting for an answer when a link dropped can be unconfirmed.
		assertThat(unconfirmed).isLessThanOrEqualTo(2 * 10);
		assertThat(texts.stream().map(this::status))
			.allMatch(s -> s == TextStatus.DELIVERED || s == TextStatus.UNCONFIRMED);
		List<String> delivered = texts.stream()
			.filter(id -> status(id) == TextStatus.DELIVERED)
			.map(id -> "Reminder " + texts.indexOf(id))
			.toList();
		List<String> bodies = smsc.texts().stream().filter(DemoSmsc.Text::complete).map(DemoSmsc.Text::body).toList();
		for (String start : delivered) {
			assertThat(bodies).as("delivered text %s reached the phone once", start)
				.filteredOn(b -> b.equals(start) || b.startsWith(start + " "))
				.hasSize(1);
		}
	}

	@Test
	void aLostAnswerLeavesTheTextUnconfirmedAndItIsNotSentAgain() {
		link("secret1", s -> {
		});
		await().atMost(Duration.ofSeconds(10)).until(smsc::linked);
		smsc.loseAnswers(1);
		UUID lost = queue("Your code is 123456");
		await().atMost(Duration.ofSeconds(10)).until(() -> status(lost) == TextStatus.UNCONFIRMED);
		UUID next = queue("After the rebind");
		await().atMost(Duration.ofSeconds(10)).until(() -> status(next) == TextStatus.DELIVERED);
		assertThat(smsc.binds()).isEqualTo(2);
		assertThat(smsc.submitted()).extracting(DemoSmsc.Submitted::text)
			.containsExactly("Your code is 123456", "After the rebind");
	}

	@Test
	void textsQueuedWhileTheSmscRefusesGoOutOnceItTakesTheBind(CapturedOutput output) {
		smsc.refuseBinds(true);
		UUID waiting = queue("Queued while the link was down");
		link("secret1", s -> {
		});
		await().atMost(Duration.ofSeconds(10)).until(() -> smsc.bindAttempts() >= 3);
		assertThat(status(waiting)).isEqualTo(TextStatus.QUEUED);
		smsc.refuseBinds(false);
		await().atMost(Duration.ofSeconds(10)).until(() -> status(waiting) == TextStatus.DELIVERED);
		assertThat(smsc.submitted()).hasSize(1);
	}

	@Test
	void aWrongPasswordIsAClearStateAndOneLogLineNotACrashLoop(CapturedOutput output) {
		link("wrong", s -> {
		});
		await().atMost(Duration.ofSeconds(10)).until(() -> smsc.bindAttempts() >= 4);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(link.state()).satisfies(state -> {
			assertThat(state.phase()).isEqualTo(LinkState.Phase.BIND_REFUSED);
			assertThat(state.detail()).contains("ESME_RINVPASWD");
		}));
		assertThat(link.isRunning()).isTrue();
		// /actuator/health's "texting" says so.
		Health health = new TextingHealth(new Texting(outbox, link, recipients, null), outbox).health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("link", "BIND_REFUSED");
		assertThat(String.valueOf(health.getDetails().get("detail"))).contains("ESME_RINVPASWD");
		assertThat(output.getOut().split("refused the password", -1)).as("logged once, not at every attempt")
			.hasSize(2);
		assertThat(output.getOut()).doesNotContain("wrong");
		assertThat(smsc.binds()).isZero();
	}

	@Test
	void refusesWhatCannotBeSentAndStoresNothing() {
		long before = jdbc.sql("select count(*) from text_outbox").query(Long.class).single();
		assertThatThrownBy(() -> outbox.queue("2015550123", null, Purpose.NOTICE, "Hello", null))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("E.164");
		assertThatThrownBy(() -> outbox.queue("+12015550123", null, Purpose.NOTICE, "", null))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("empty");
		assertThatThrownBy(() -> outbox.queue("+12015550123", null, Purpose.NOTICE, "x".repeat(1531), null))
			.isInstanceOf(SmsSegments.TooLong.class)
			.hasMessageContaining("at most 10 parts");
		assertThat(jdbc.sql("select count(*) from text_outbox").query(Long.class).single()).isEqualTo(before);
	}

	static final class Settings {

		int window = 10;

		double rate = 100;

		Duration enquireLink = Duration.ofSeconds(30);

	}

}
