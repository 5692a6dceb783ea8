package org.haven.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.haven.identity.TestAccounts.TestAccount;
import org.haven.messaging.internal.ConversationStore;
import org.haven.messaging.internal.Member;
import org.haven.messaging.internal.ReplyTimes;
import org.haven.shared.crypto.FieldEncryption;
import org.haven.support.TestImages;
import org.haven.support.TestSocket;
import org.haven.support.WebSession;
import org.haven.support.WebSession.FilePart;
import org.haven.support.WebSession.Response;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/**
 * Letters through the pages and the draft API, as a browser sends them, against the
 * running application on PostgreSQL (docs/messaging.md, "Letters"): threads both ways and
 * whom each awaits, long letters stored sealed, reply times, drafts, attachments, one
 * letter per form however often it is sent, hostile text made inert, strangers and bad
 * input changing nothing, and ended care read-only.
 */
class LettersIntegrationTests extends ConversationTest {

	private static final Pattern DRAFT = Pattern.compile("name=\"draft\" value=\"([^\"]+)\"");

	private static final byte[] PDF = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
		.getBytes(StandardCharsets.US_ASCII);

	@Autowired
	FieldEncryption encryption;

	@Test
	void aThreadGoesBothWaysShowingWhomItAwaitsAndReachesOpenChats() {
		ChatFixture chat = fixture("letters-basic");
		WebSession client = signedIn(chat.client());
		WebSession therapist = signedIn(chat.therapist());
		TestSocket therapistChat = opened(chat, chat.therapist());

		UUID thread = start(client, chat, "About last week",
				"I kept thinking about what you said.\r\n\r\nIt *helped*.");
		Response page = client.get(letters(chat) + "/" + thread + "?sent");
		assertThat(page.body()).contains("Your letter was sent.")
			.contains("About last week")
			.contains("<em>helped</em>")
			.contains("Awaiting your therapist&#39;s reply");

		JsonNode pushed = therapistChat.next("chat-item");
		assertThat(pushed.path("conversation").asString()).isEqualTo(chat.conversation().toString());
		assertThat(pushed.path("item").path("kind").asString()).isEqualTo("letter");
		assertThat(pushed.path("item").path("letter").path("subject").asString()).isEqualTo("About last week");
		assertThat(pushed.path("item").path("letter").path("thread").asString()).isEqualTo(thread.toString());

		Response list = therapist.get(letters(chat));
		assertThat(list.body()).contains("Letters with")
			.contains("About last week")
			.contains("Awaiting your reply")
			.contains("New letter");
		assertThat(therapist.get(letters(chat) + "/" + thread).body()).contains("<span>Your client</span>,")
			.contains("Awaiting your reply");
		long first = newestSeq(chat);
		assertThat(readMarks(thread)).containsExactly(first, first);
		assertThat(therapist.get(letters(chat)).body()).doesNotContain("New letter");

		Response replied = reply(therapist, chat, thread, "Thank you for writing. Let us talk on Tuesday.");
		assertThat(replied.location()).endsWith(letters(chat) + "/" + thread + "?sent");
		assertThat(therapist.get(letters(chat)).body()).contains("Awaiting your client&#39;s reply");
		assertThat(client.get(letters(chat)).body()).contains("Awaiting your reply")
			.contains("New letter")
			.contains("2 letters");
		long second = newestSeq(chat);
		assertThat(readMarks(thread)).as("client, therapist").containsExactly(first, second);
		assertThat(client.get(letters(chat) + "/" + thread).body()).contains("<span>Your therapist</span>,")
			.contains("Let us talk on Tuesday.");
		assertThat(readMarks(thread)).containsExactly(second, second);
		assertThat(jdbc.sql("select last_author_id from letter_thread where id = :t")
			.param("t", thread)
			.query(UUID.class)
			.single()).isEqualTo(chat.therapist().id());
		assertThat(therapistChat.next("chat-item").path("item").path("seq").asLong()).isEqualTo(second);
	}

	@Test
	void aLongLetterRoundTripsWhileSubjectAndBodyAreStoredSealed() {
		ChatFixture chat = fixture("letters-long");
		WebSession client = signedIn(chat.client());
		StringBuilder text = new StringBuilder();
		for (int i = 0; text.length() < 60_000; i++) {
			text.append("Paragraph ").append(i).append(": the week was long and I wrote it all down, שלום 🌿.\n\n");
		}
		String body = text.substring(0, 60_000);
		UUID thread = start(client, chat, "Everything since March", body);

		String stored = jdbc.sql("select body from conversation_item where thread_id = :t")
			.param("t", thread)
			.query(String.class)
			.single();
		assertThat(stored).doesNotContain("Paragraph").doesNotContain("week");
		assertThat(encryption.decrypt(stored)).isEqualTo(body);
		String subject = jdbc.sql("select subject from letter_thread where id = :t")
			.param("t", thread)
			.query(String.class)
			.single();
		assertThat(subject).doesNotContain("March");
		assertThat(encryption.decrypt(subject)).isEqualTo("Everything since March");
		String page = client.get(letters(chat) + "/" + thread).body();
		assertThat(page).contains("Paragraph 0: the week").contains("Paragraph 700: the week");
	}

	@Test
	void firstReplyTimesSavedAtOnceAllSucceedAndOneRowRemains() throws Exception {
		ChatFixture chat = fixture("letters-reply-race");
		Member therapist = context.getBean(ConversationStore.class)
			.member(chat.therapist().id(), chat.conversation())
			.orElseThrow();
		ReplyTimes replyTimes = context.getBean(ReplyTimes.class);
		int writers = 6;
		CyclicBarrier start = new CyclicBarrier(writers);
		ExecutorService pool = Executors.newFixedThreadPool(writers);
		try {
			List<Future<Integer>> saves = new ArrayList<>();
			for (int i = 0; i < writers; i++) {
				String days = String.valueOf(2 + i);
				saves.add(pool.submit(() -> {
					start.await();
					return replyTimes.set(therapist, days);
				}));
			}
			for (Future<Integer> save : saves) {
				assertThat(save.get()).isBetween(2, 2 + writers - 1); // none failed
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(jdbc.sql("select count(*) from letter_reply_time where therapist_id = :t")
			.param("t", chat.therapist().id())
			.query(Integer.class)
			.single()).isEqualTo(1);
		assertThat(replyTime(chat.therapist())).isBetween(2, 2 + writers - 1);
	}

	@Test
	void theTherapistSetsAReplyTimeThatTheClientSeesAndBadNumbersChangeNothing() {
		ChatFixture chat = fixture("letters-reply-time");
		WebSession client = signedIn(chat.client());
		WebSession therapist = signedIn(chat.therapist());
		assertThat(client.get(letters(chat)).body())
			.contains("Your therapist has not said how soon they reply to letters.")
			.doesNotContain("name=\"days\"");
		assertThat(therapist.get(letters(chat)).body()).contains("I reply to letters within this many working days");

		for (String bad : List.of("0", "11", "three", "", "2.5", "-1", "99999999999")) {
			Response refused = therapist.post(letters(chat) + "/reply-time", Map.of("days", bad));
			assertThat(refused.status()).as(bad).isEqualTo(200);
			assertThat(refused.body()).contains("There is a problem")
				.contains("aria-describedby=\"days-hint days-error\"")
				.contains("id=\"days\"")
				.contains("value=\"" + bad + "\"");
			assertThat(replyTime(chat.therapist())).as(bad).isNull();
		}
		assertThat(therapist.post(letters(chat) + "/reply-time", Map.of("days", " 3 ")).location())
			.endsWith(letters(chat) + "?replyTimeSaved");
		assertThat(replyTime(chat.therapist())).isEqualTo(3);
		assertThat(client.get(letters(chat)).body()).contains("Your therapist replies to letters within")
			.contains("3 working days");
		assertThat(client.get(letters(chat) + "/new").body()).contains("3 working days");

		// A client has no reply time to set: the form is not theirs.
		client.get(letters(chat));
		assertThat(client.post(letters(chat) + "/reply-time", Map.of("days", "1")).status()).isEqualTo(404);
		assertThat(replyTime(chat.therapist())).isEqualTo(3);
		assertThat(replyTime(chat.client())).isNull();
	}

	@Test
	void draftsAreSavedAsPeopleWriteRestoredInTheFormAndGoneOnceSent() {
		ChatFixture chat = fixture("letters-drafts");
		WebSession client = signedIn(chat.client());
		String draft = draftId(client.get(letters(chat) + "/new"));
		Response saved = client.postJson(drafts(chat),
				"{\"id\":\"" + draft + "\",\"subject\":\"Half a thought\",\"body\":\"Line one\\nLine two\"}");
		assertThat(saved.status()).as(saved.body()).isEqualTo(200);
		assertThat(saved.body()).contains("\"id\":\"" + draft + "\"")
			.contains("\"savedAt\":")
			.contains("\"alreadySent\":false");
		// A later save replaces the draft rather than adding one.
		client.postJson(drafts(chat), "{\"id\":\"" + draft
				+ "\",\"subject\":\"Half a thought\",\"body\":\"Line one\\nLine two\\nLine three\"}");
		assertThat(count("select count(*) from letter_draft where author_id = :a", chat.client().id())).isOne();
		assertThat(jdbc.sql("select body from letter_draft where id = :id")
			.param("id", UUID.fromString(draft))
			.query(String.class)
			.single()).doesNotContain("Line");

		Response form = client.get(letters(chat) + "/new");
		assertThat(draftId(form)).isEqualTo(draft);
		assertThat(form.body()).contains("value=\"Half a thought\"")
			.contains("Line one\nLine two\nLine three</textarea>");

		Response sent = client.postMultipart(letters(chat),
				Map.of("draft", draft, "subject", "Half a thought", "body", "Line one, now whole."), List.of());
		UUID thread = threadOf(sent);
		assertThat(count("select count(*) from letter_draft where author_id = :a", chat.client().id())).isZero();
		Response fresh = client.get(letters(chat) + "/new");
		assertThat(draftId(fresh)).isNotEqualTo(draft);
		assertThat(fresh.body()).doesNotContain("Half a thought");
		// A save that arrives after the letter went (the page closing as the form was
		// sent) brings nothing back.
		assertThat(client
			.postJson(drafts(chat), "{\"id\":\"" + draft + "\",\"subject\":\"Half a thought\",\"body\":\"late\"}")
			.body()).contains("\"alreadySent\":true");
		assertThat(count("select count(*) from letter_draft where author_id = :a", chat.client().id())).isZero();

		// A reply's draft belongs to its thread; without the script, the form's Save
		// draft button does the same.
		WebSession therapist = signedIn(chat.therapist());
		String replyDraft = draftId(therapist.get(letters(chat) + "/" + thread));
		Response savedByForm = therapist.postMultipart(letters(chat) + "/" + thread,
				Map.of("draft", replyDraft, "body", "Thinking about it", "save", "draft"), List.of());
		assertThat(savedByForm.location()).endsWith(letters(chat) + "/" + thread + "?draftSaved#reply");
		Response restored = therapist.get(letters(chat) + "/" + thread + "?draftSaved");
		assertThat(restored.body()).contains("Your draft is saved.").contains("Thinking about it</textarea>");
		assertThat(draftId(restored)).isEqualTo(replyDraft);
		assertThat(count("select count(*) from letter_draft where author_id = :a and thread_id is not null",
				chat.therapist().id()))
			.isOne();
		assertThat(count("select count(*) from conversation_item where author_id = :a", chat.therapist().id()))
			.isZero();
		reply(therapist, chat, thread, "Thinking about it, and here it is.");
		assertThat(count("select count(*) from letter_draft where author_id = :a", chat.therapist().id())).isZero();

		// Bad drafts: an id that is not one, a body too long to keep.
		assertThat(client.postJson(drafts(chat), "{\"id\":\"x\",\"body\":\"b\"}").status()).isEqualTo(400);
		assertThat(client
			.postJson(drafts(chat), "{\"id\":\"" + UUID.randomUUID() + "\",\"body\":\"" + "a".repeat(100_001) + "\"}")
			.status()).isEqualTo(400);
		assertThat(client.postJson(drafts(chat), "not json").status()).isEqualTo(400);
	}

	@Test
	void sendingTheSameFormTwiceStoresOneLetter() {
		ChatFixture chat = fixture("letters-twice");
		WebSession client = signedIn(chat.client());
		String draft = draftId(client.get(letters(chat) + "/new"));
		Map<String, String> form = Map.of("draft", draft, "subject", "Once", "body", "Only once, please.");
		UUID first = threadOf(client.postMultipart(letters(chat), form, List.of()));
		UUID second = threadOf(client.postMultipart(letters(chat), form, List.of()));
		assertThat(second).isEqualTo(first);
		assertThat(count("select count(*) from letter_thread where conversation_id = :a", chat.conversation())).isOne();
		assertThat(count("select count(*) from conversation_item where conversation_id = :a", chat.conversation()))
			.isOne();

		String replyDraft = draftId(client.get(letters(chat) + "/" + first));
		Map<String, String> reply = Map.of("draft", replyDraft, "body", "And a postscript.");
		client.postMultipart(letters(chat) + "/" + first, reply, List.of());
		client.postMultipart(letters(chat) + "/" + first, reply, List.of());
		assertThat(count("select count(*) from conversation_item where conversation_id = :a", chat.conversation()))
			.isEqualTo(2);
	}

	@Test
	void picturesAndPdfsTravelWithALetterAndAnyBadFileStoresNothing() {
		ChatFixture chat = fixture("letters-files");
		WebSession client = signedIn(chat.client());
		String draft = draftId(client.get(letters(chat) + "/new"));
		Response sent = client.postMultipart(letters(chat),
				Map.of("draft", draft, "subject", "My drawings", "body", "Two files for you."),
				List.of(new FilePart("files", "worksheet.pdf", "application/pdf", PDF),
						new FilePart("files", "drawing.png", "image/png", TestImages.png(40, 30))));
		UUID thread = threadOf(sent);
		List<UUID> files = jdbc.sql(
				"select id from message_attachment where conversation_id = :c and item_seq is not null order by media_type")
			.param("c", chat.conversation())
			.query(UUID.class)
			.list();
		assertThat(files).hasSize(2);
		String page = signedIn(chat.therapist()).get(letters(chat) + "/" + thread).body();
		for (UUID file : files) {
			assertThat(page).contains("href=\"/messages/" + chat.conversation() + "/attachments/" + file + "\"");
		}
		assertThat(page).contains("worksheet.pdf").contains("drawing.png").contains("(PDF document, 1 KB)");

		byte[] exe = ("MZ" + "\0".repeat(200)).getBytes(StandardCharsets.ISO_8859_1);
		byte[] elevenMegabytes = new byte[10 * 1024 * 1024 + 1];
		System.arraycopy(PDF, 0, elevenMegabytes, 0, PDF.length);
		List<Map.Entry<String, List<FilePart>>> refusals = List.of(
				Map.entry("“setup.exe” is not a picture",
						List.of(new FilePart("files", "setup.exe", "application/octet-stream", exe))),
				Map.entry("“notes.txt” is not a picture",
						List.of(new FilePart("files", "notes.txt", "text/plain",
								"plain words".getBytes(StandardCharsets.UTF_8)))),
				Map.entry("“scan.pdf” is larger than 10 MB",
						List.of(new FilePart("files", "scan.pdf", "application/pdf", elevenMegabytes))),
				Map.entry("Attach at most 5 files",
						IntStream.range(0, 6)
							.mapToObj(i -> new FilePart("files", "p" + i + ".pdf", "application/pdf", PDF))
							.toList()),
				Map.entry("“fake.png” is not a picture (JPEG",
						List.of(new FilePart("files", "fine.pdf", "application/pdf", PDF), new FilePart("files",
								"fake.png", "image/png", "<svg onload=alert(1)>".getBytes(StandardCharsets.UTF_8)))));
		long items = count("select count(*) from conversation_item where conversation_id = :a", chat.conversation());
		for (var refusal : refusals) {
			String attempt = draftId(client.get(letters(chat) + "/new"));
			Response refused = client.postMultipart(letters(chat),
					Map.of("draft", attempt, "subject", "With a file", "body", "Words I keep"), refusal.getValue());
			assertThat(refused.status()).as(refusal.getKey()).isEqualTo(200);
			assertThat(refused.body()).contains("There is a problem")
				.contains(refusal.getKey())
				.contains("files-hint files-error")
				.contains("value=\"With a file\"")
				.contains("Words I keep</textarea>")
				.contains("choose them again");
			assertThat(count("select count(*) from conversation_item where conversation_id = :a", chat.conversation()))
				.isEqualTo(items);
			assertThat(count("select count(*) from letter_thread where conversation_id = :a", chat.conversation()))
				.isOne();
			assertThat(count("select count(*) from message_attachment where conversation_id = :a", chat.conversation()))
				.isEqualTo(2);
		}
	}

	@Test
	void aLettersPicturesArriveCleanItsPdfOnlyAsADownloadAndAPixelBombRefusesTheLetter() {
		ChatFixture chat = fixture("letters-clean");
		WebSession client = signedIn(chat.client());
		String draft = draftId(client.get(letters(chat) + "/new"));
		Response sent = client.postMultipart(letters(chat),
				Map.of("draft", draft, "subject", "Where I was", "body", "Photos and a form."),
				List.of(new FilePart("files", "IMG_0002.jpg", "image/jpeg",
						TestImages.geotaggedJpeg(60, 30, 8, "secret-place")),
						new FilePart("files", "scan.jpg", "image/jpeg", TestImages.polyglot(TestImages.jpeg(40, 30))),
						new FilePart("files", "form.pdf", "application/pdf", PDF)));
		threadOf(sent);
		WebSession therapist = signedIn(chat.therapist());
		Map<String, UUID> files = new LinkedHashMap<>();
		jdbc.sql(
				"select id, media_type, size_bytes from message_attachment where conversation_id = :c order by size_bytes")
			.param("c", chat.conversation())
			.query((rs, n) -> files.put(rs.getString(2) + "#" + n, rs.getObject(1, UUID.class)))
			.list();
		assertThat(files).hasSize(3);
		for (var file : files.entrySet()) {
			var served = therapist.download("/messages/" + chat.conversation() + "/attachments/" + file.getValue());
			assertThat(served.status()).isEqualTo(200);
			assertThat(served.header("X-Content-Type-Options")).isEqualTo("nosniff");
			assertThat(served.header("Content-Security-Policy")).contains("default-src 'none'").contains("sandbox");
			String text = new String(served.body(), StandardCharsets.ISO_8859_1);
			if (file.getKey().startsWith("application/pdf")) {
				assertThat(served.body()).isEqualTo(PDF);
				assertThat(served.header("Content-Disposition")).startsWith("attachment;");
				continue;
			}
			assertThat(served.header("Content-Type")).isEqualTo("image/jpeg");
			assertThat(TestImages.jpegMarkers(served.body())).doesNotContain(0xE1, 0xFE);
			assertThat(text).doesNotContain("Exif")
				.doesNotContain("secret-place")
				.doesNotContain("<script")
				.doesNotContain("payload.txt");
			assertThat(served.body()[served.body().length - 1] & 0xFF).as("nothing after the end-of-image marker")
				.isEqualTo(0xD9);
		}

		long items = count("select count(*) from conversation_item where conversation_id = :a", chat.conversation());
		String attempt = draftId(client.get(letters(chat) + "/new"));
		Response refused = client.postMultipart(letters(chat),
				Map.of("draft", attempt, "subject", "Another", "body", "Words I keep"),
				List.of(new FilePart("files", "fine.pdf", "application/pdf", PDF),
						new FilePart("files", "bomb.png", "image/png", TestImages.pngClaiming(100_000, 100_000))));
		assertThat(refused.status()).isEqualTo(200);
		assertThat(refused.body()).contains("The file “bomb.png” is 100,000 by 100,000 pixels, more than Haven accepts")
			.contains("files-hint files-error")
			.contains("Words I keep</textarea>");
		assertThat(count("select count(*) from conversation_item where conversation_id = :a", chat.conversation()))
			.isEqualTo(items);
		assertThat(count("select count(*) from message_attachment where conversation_id = :a", chat.conversation()))
			.isEqualTo(3);
	}

	@Test
	void filesBeyondWhatTheServerReadsLeadBackToTheForm() {
		ChatFixture chat = fixture("letters-huge");
		WebSession client = signedIn(chat.client());
		String draft = draftId(client.get(letters(chat) + "/new"));
		byte[] huge = new byte[12 * 1024 * 1024];
		System.arraycopy(PDF, 0, huge, 0, PDF.length);
		Response refused = client.postMultipart(letters(chat),
				Map.of("draft", draft, "subject", "Big", "body", "Too big"),
				List.of(new FilePart("files", "huge.pdf", "application/pdf", huge)));
		assertThat(refused.status()).isEqualTo(302);
		assertThat(refused.location()).endsWith(letters(chat) + "/new?tooLarge");
		assertThat(client.get(letters(chat) + "/new?tooLarge").body()).contains("larger than 10 MB")
			.contains("files-hint files-error");
		assertThat(count("select count(*) from message_attachment where conversation_id = :a", chat.conversation()))
			.isZero();
		assertThat(count("select count(*) from letter_thread where conversation_id = :a", chat.conversation()))
			.isZero();
	}

	@Test
	void strangersGetNotFoundOnEveryLettersAddressAndChangeNothing() {
		ChatFixture chat = fixture("letters-private");
		ChatFixture neighbours = fixture("letters-neighbours");
		WebSession client = signedIn(chat.client());
		UUID thread = start(client, chat, "Private", "Only for my therapist.");
		String draft = draftId(client.get(letters(chat) + "/" + thread));
		client.postJson(drafts(chat),
				"{\"id\":\"" + draft + "\",\"thread\":\"" + thread + "\",\"body\":\"draft words\"}");
		String before = snapshot(chat);

		for (TestAccount stranger : List.of(neighbours.client(), neighbours.therapist())) {
			WebSession browser = signedIn(stranger);
			browser.get("/home");
			String base = letters(chat);
			for (String path : List.of(base, base + "/new", base + "/" + thread, base + "/" + UUID.randomUUID(),
					"/messages/not-an-id/letters", base + "/not-an-id")) {
				assertThat(browser.get(path).status()).as("%s GET %s", stranger.email(), path).isEqualTo(404);
			}
			Map<String, String> letter = Map.of("draft", UUID.randomUUID().toString(), "subject", "Hello", "body",
					"Let me in");
			assertThat(browser.postMultipart(base, letter, List.of()).status()).isEqualTo(404);
			assertThat(browser.postMultipart(base + "/" + thread, letter, List.of()).status()).isEqualTo(404);
			assertThat(browser
				.postMultipart(base + "/" + thread, Map.of("draft", draft, "body", "x", "save", "draft"), List.of())
				.status()).isEqualTo(404);
			assertThat(browser.post(base + "/reply-time", Map.of("days", "2")).status()).isEqualTo(404);
			assertThat(browser
				.postJson(drafts(chat),
						"{\"id\":\"" + draft + "\",\"thread\":\"" + thread + "\",\"body\":\"overwritten\"}")
				.status()).isEqualTo(404);
			assertThat(browser.postJson(drafts(chat), "{\"id\":\"" + UUID.randomUUID() + "\",\"body\":\"mine now\"}")
				.status()).isEqualTo(404);
			assertThat(browser.postJson("/api/v1/messages/" + UUID.randomUUID() + "/drafts", "{}").status())
				.isEqualTo(404);
		}
		assertThat(snapshot(chat)).isEqualTo(before);
		assertThat(replyTime(neighbours.therapist())).isNull();
		// Their own thread is on another conversation: the stranger's own ids do not open
		// this one either.
		WebSession neighbour = signedIn(neighbours.client());
		UUID theirs = start(neighbour, neighbours, "Ours", "Our letter");
		assertThat(client.get(letters(chat) + "/" + theirs).status()).isEqualTo(404);
		assertThat(neighbour.get(letters(neighbours) + "/" + thread).status()).isEqualTo(404);
	}

	@Test
	void badInputIsRefusedFieldByFieldKeepingWhatWasTypedAndStoringNothing() {
		ChatFixture chat = fixture("letters-bad");
		WebSession client = signedIn(chat.client());
		String body = "Dear therapist, this is what I wanted to say.";
		Map<String, String[]> cases = new LinkedHashMap<>();
		cases.put("empty subject", new String[] { "", body, "subject", "Give your letter a subject." });
		cases.put("two-line subject",
				new String[] { "First\nSecond", body, "subject", "Write the subject on one line" });
		cases.put("subject ending in a line break",
				new String[] { "Hello\n", body, "subject", "Write the subject on one line" });
		cases.put("reordering subject",
				new String[] { "Robin\u202Egnp.exe", body, "subject", "Write the subject on one line" });
		cases.put("long subject",
				new String[] { "s".repeat(201), body, "subject", "at most 200 characters; this one has 201" });
		cases.put("empty body", new String[] { "Hello", " \r\n ", "body", "Write your letter." });
		cases.put("long body", new String[] { "Hello", "b".repeat(100_001), "body",
				"at most 100,000 characters; this one has 100,001" });
		cases.put("control characters in the body",
				new String[] { "Hello", "Fine\u0007text", "body", "control characters" });
		for (var entry : cases.entrySet()) {
			String[] c = entry.getValue();
			String draft = draftId(client.get(letters(chat) + "/new"));
			Response refused = client.postMultipart(letters(chat),
					Map.of("draft", draft, "subject", c[0], "body", c[1]), List.of());
			assertThat(refused.status()).as(entry.getKey()).isEqualTo(200);
			assertThat(refused.body()).as(entry.getKey())
				.contains("There is a problem")
				.contains(c[3])
				.contains("href=\"#" + c[2] + "\"")
				.contains("aria-describedby=\"" + c[2] + "-hint " + c[2] + "-error\"")
				.contains("aria-invalid=\"true\"")
				.contains("value=\"" + draft + "\"");
			if (c[1].length() < 1000 && !c[1].isBlank()) {
				assertThat(refused.body()).as(entry.getKey()).contains(">" + c[1] + "</textarea>");
			}
			assertThat(count("select count(*) from letter_thread where conversation_id = :a", chat.conversation()))
				.as(entry.getKey())
				.isZero();
			assertThat(count("select count(*) from conversation_item where conversation_id = :a", chat.conversation()))
				.isZero();
		}
		// Both fields at once are both reported.
		Response both = client.postMultipart(letters(chat),
				Map.of("draft", UUID.randomUUID().toString(), "subject", "", "body", ""), List.of());
		assertThat(both.body()).contains("href=\"#subject\"").contains("href=\"#body\"");
		// A bad reply too.
		UUID thread = start(client, chat, "Fine", "A fine letter.");
		Response badReply = client.postMultipart(letters(chat) + "/" + thread,
				Map.of("draft", UUID.randomUUID().toString(), "body", ""), List.of());
		assertThat(badReply.body()).contains("Write your letter.").contains("A fine letter.");
		assertThat(count("select count(*) from conversation_item where conversation_id = :a", chat.conversation()))
			.isOne();
	}

	@Test
	void hostileTextInALetterComesOutInert() {
		ChatFixture chat = fixture("letters-hostile");
		WebSession client = signedIn(chat.client());
		String hostile = String.join("\n\n", "<script>alert('owned')</script>", "[click me](javascript:alert(1))",
				"<img src=x onerror=alert(2)>", "<svg onload=alert(3)><circle r=\"9\"/></svg>",
				"<a href=\"javascript:alert(4)\">raw</a>", "![pic](https://example.org/x.png)",
				"[fine](https://example.org/help)", "x".repeat(10_000), "עברית ثم English");
		UUID thread = start(client, chat, "<b>not bold</b>", hostile);
		String page = signedIn(chat.therapist()).get(letters(chat) + "/" + thread).body();
		String letter = page.substring(page.indexOf("<div class=\"letter-body\" dir=\"auto\">"));
		letter = letter.substring(0, letter.indexOf("</article>"));
		// What was markup is shown as text, which is harmless: no element, attribute or
		// link target survives.
		assertThat(letter).doesNotContain("<script")
			.doesNotContain("<img")
			.doesNotContain("<svg")
			.doesNotContain("<circle")
			.doesNotContain("onerror=")
			.doesNotContain("onload=")
			.doesNotContain("href=\"javascript")
			.doesNotContain("example.org/x.png");
		assertThat(letter).contains("&lt;script&gt;alert(")
			.contains("&lt;img src&#61;x onerror&#61;alert(2)&gt;")
			.contains("href=\"https://example.org/help\"")
			.contains("x".repeat(10_000))
			.contains("עברית ثم English");
		assertThat(Pattern.compile("<a [^>]*>").matcher(letter).results().map(m -> m.group()).toList())
			.allMatch(a -> a.startsWith("<a href=\"https://example.org/help\"") || a.startsWith("<a href=\"\""));
		assertThat(page).contains("&lt;b&gt;not bold&lt;/b&gt;").doesNotContain("<b>not bold");
		assertThat(signedIn(chat.therapist()).get(letters(chat)).body()).contains("&lt;b&gt;not bold&lt;/b&gt;");
		String css = client.get("/css/haven.css").body();
		assertThat(css)
			.containsPattern("\\.letter-body[^{]*\\{[^}]*unicode-bidi: isolate;[^}]*overflow-wrap: anywhere;");
	}

	@Test
	void afterCareEndsLettersCanBeReadButNotWritten() {
		ChatFixture chat = fixture("letters-ended");
		WebSession client = signedIn(chat.client());
		UUID thread = start(client, chat, "Goodbye", "Thank you for everything.");
		String newDraft = draftId(client.get(letters(chat) + "/new"));
		String replyDraft = draftId(client.get(letters(chat) + "/" + thread));
		chat.practice().care().end(chat.therapist().id(), chat.conversation());

		assertThat(client.get(letters(chat)).body()).contains("Goodbye")
			.contains("no new ones can be written")
			.doesNotContain("Write a letter</a>");
		Response page = client.get(letters(chat) + "/" + thread);
		assertThat(page.body()).contains("Thank you for everything.")
			.contains("no new ones can be written")
			.doesNotContain("name=\"body\"");
		Response refused = client.postMultipart(letters(chat),
				Map.of("draft", newDraft, "subject", "One more", "body", "I forgot"), List.of());
		assertThat(refused.status()).isEqualTo(200);
		assertThat(refused.body()).contains("This care relationship has ended").contains("I forgot</textarea>");
		Response refusedReply = client.postMultipart(letters(chat) + "/" + thread,
				Map.of("draft", replyDraft, "body", "P.S."), List.of());
		assertThat(refusedReply.body()).contains("This care relationship has ended").contains("P.S.</textarea>");
		Response draft = client.postJson(drafts(chat), "{\"id\":\"" + newDraft + "\",\"body\":\"still writing\"}");
		assertThat(draft.status()).isEqualTo(409);
		assertThat(count("select count(*) from conversation_item where conversation_id = :a", chat.conversation()))
			.isOne();
		assertThat(count("select count(*) from letter_draft where conversation_id = :a", chat.conversation())).isZero();
	}

	@Test
	void eachViewOfTheListOrAThreadIsOneAuditEntry() {
		ChatFixture chat = fixture("letters-audit");
		WebSession client = signedIn(chat.client());
		UUID thread = start(client, chat, "Audited", "One\n\nTwo");
		reply(client, chat, thread, "Three");
		client.get(letters(chat) + "/" + thread);
		client.get(letters(chat) + "/" + thread);
		client.get(letters(chat));
		List<String> reads = jdbc
			.sql("""
					select detail from audit_entry where action = 'CONVERSATION_READ' and subject = :s and actor = :a order by id""")
			.param("s", "conversation:" + chat.conversation())
			.param("a", "account:" + chat.client().id())
			.query(String.class)
			.list();
		assertThat(reads).containsExactly("letter thread " + thread, "letter thread " + thread,
				"letter thread " + thread, "letters");
	}

	// Helpers

	private static String letters(ChatFixture chat) {
		return "/messages/" + chat.conversation() + "/letters";
	}

	private static String drafts(ChatFixture chat) {
		return "/api/v1/messages/" + chat.conversation() + "/drafts";
	}

	private static String draftId(Response page) {
		assertThat(page.status()).as(page.body()).isEqualTo(200);
		Matcher m = DRAFT.matcher(page.body());
		assertThat(m.find()).as("a letter form with a draft id").isTrue();
		return m.group(1);
	}

	/** Starts a thread through the form, as a browser sends it; the new thread's id. */
	private UUID start(WebSession browser, ChatFixture chat, String subject, String body) {
		String draft = draftId(browser.get(letters(chat) + "/new"));
		return threadOf(browser.postMultipart(letters(chat), Map.of("draft", draft, "subject", subject, "body", body),
				List.of()));
	}

	private Response reply(WebSession browser, ChatFixture chat, UUID thread, String body) {
		String draft = draftId(browser.get(letters(chat) + "/" + thread));
		Response sent = browser.postMultipart(letters(chat) + "/" + thread, Map.of("draft", draft, "body", body),
				List.of());
		assertThat(sent.status()).as(sent.body()).isEqualTo(302);
		return sent;
	}

	private static UUID threadOf(Response sent) {
		assertThat(sent.status()).as(sent.body().length() > 3000 ? sent.body().substring(0, 3000) : sent.body())
			.isEqualTo(302);
		Matcher m = Pattern.compile("/letters/([0-9a-f-]{36})\\?sent$").matcher(sent.location());
		assertThat(m.find()).as(sent.location()).isTrue();
		return UUID.fromString(m.group(1));
	}

	private long newestSeq(ChatFixture chat) {
		return jdbc.sql("select max(seq) from conversation_item where conversation_id = :c")
			.param("c", chat.conversation())
			.query(Long.class)
			.single();
	}

	/** The thread's read marks: the client's, then the therapist's. */
	private List<Long> readMarks(UUID thread) {
		return jdbc.sql("select client_read, therapist_read from letter_thread where id = :t")
			.param("t", thread)
			.query((rs, n) -> Arrays.asList(rs.getLong(1), rs.getLong(2)))
			.single();
	}

	private Integer replyTime(TestAccount therapist) {
		return jdbc.sql("select working_days from letter_reply_time where therapist_id = :t")
			.param("t", therapist.id())
			.query(Integer.class)
			.optional()
			.orElse(null);
	}

	private long count(String sql, UUID parameter) {
		return jdbc.sql(sql).param("a", parameter).query(Long.class).single();
	}

	/** Everything letters store for the conversation, to show that nothing changed. */
	private String snapshot(ChatFixture chat) {
		return jdbc
			.sql("""
					select (select count(*) from letter_thread where conversation_id = :c) || '/'
					  || (select count(*) from conversation_item where conversation_id = :c) || '/'
					  || (select string_agg(body || ':' || updated_at, ',') from letter_draft where conversation_id = :c) || '/'
					  || (select count(*) from message_attachment where conversation_id = :c) || '/'
					  || (select client_read || ':' || therapist_read from letter_thread where conversation_id = :c) || '/'
					  || (select count(*) from letter_reply_time)""")
			.param("c", chat.conversation())
			.query(String.class)
			.single();
	}

}
