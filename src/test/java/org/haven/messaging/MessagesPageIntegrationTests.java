package org.haven.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.haven.identity.TestAccounts.TestAccount;
import org.haven.shared.crypto.FieldEncryption;
import org.haven.support.TestImages;
import org.haven.support.TestSocket;
import org.haven.support.WebSession;
import org.haven.support.WebSession.Download;
import org.haven.support.WebSession.FilePart;
import org.haven.support.WebSession.Response;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/**
 * The pages and files around chat: the list of conversations, the chat page, attachments
 * (sniffed, sealed, served only to the two parties, pictures inline and everything else
 * as a download) and the client's export of the whole conversation.
 */
class MessagesPageIntegrationTests extends ConversationTest {

	static final byte[] PDF = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

	@Autowired
	FieldEncryption encryption;

	@Test
	void eachPartySeesTheConversationListedAndItsChatPageAndStrangersGet404() {
		ChatFixture chat = fixture("pages");
		ChatFixture other = fixture("pages-other");
		WebSession client = signedIn(chat.client());
		Response list = client.get("/messages");
		assertThat(list.status()).isEqualTo(200);
		assertThat(list.body()).contains("/messages/" + chat.conversation())
			.contains("/messages/" + chat.conversation() + "/letters")
			.contains("/messages/" + chat.conversation() + "/export");
		assertThat(client.get("/messages/" + chat.conversation()).body())
			.contains("data-conversation=\"" + chat.conversation() + "\"")
			.contains("data-me=\"client\"");
		WebSession therapist = signedIn(chat.therapist());
		assertThat(therapist.get("/messages").body()).doesNotContain("/export");
		assertThat(therapist.get("/messages/" + chat.conversation()).body()).contains("data-me=\"therapist\"");

		for (TestAccount stranger : List.of(other.client(), other.therapist())) {
			WebSession session = signedIn(stranger);
			assertThat(session.get("/messages").body()).doesNotContain(chat.conversation().toString());
			assertThat(session.get("/messages/" + chat.conversation()).status()).isEqualTo(404);
			assertThat(session.get("/messages/" + chat.conversation() + "/export").status()).isEqualTo(404);
		}
	}

	/**
	 * A browser asks for several things at once, the first pages after signing in
	 * included: each of them may add the same attribute (the CSRF token) to the session,
	 * and none of them may fail for it.
	 */
	@Test
	void manyRequestsAtOnceInAFreshSessionAllAnswer() throws Exception {
		ChatFixture chat = fixture("parallel");
		WebSession client = signedIn(chat.client());
		HttpClient http = HttpClient.newHttpClient();
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/messages"))
			.header("Cookie", client.cookieHeader())
			.build();
		for (int round = 0; round < 3; round++) {
			List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
			for (int i = 0; i < 16; i++) {
				answers.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
			}
			for (CompletableFuture<HttpResponse<String>> answer : answers) {
				assertThat(answer.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
			}
			// A new session for the next round: its first pages race again.
			client = signedIn(chat.client());
			request = HttpRequest.newBuilder(request.uri()).header("Cookie", client.cookieHeader()).build();
		}
	}

	@Test
	void unreadMessagesAreCountedOnTheList() {
		ChatFixture chat = fixture("unread");
		TestSocket client = opened(chat, chat.client());
		for (int i = 0; i < 3; i++) {
			client.send(chat.message("u-" + i, "hello " + i));
			client.next("chat-ack");
		}
		assertThat(signedIn(chat.therapist()).get("/messages").body()).contains("3 unread messages");
	}

	@Test
	void filesAreSniffedSealedAndServedOnlyToTheTwoParties() {
		ChatFixture chat = fixture("files");
		WebSession client = signedIn(chat.client());
		String page = "/messages/" + chat.conversation();
		client.get(page);

		Response png = client.postMultipart(page + "/attachments", Map.of(),
				new FilePart("file", "../../me\u202Egnp.exe", "text/plain", TestImages.png(20, 20)));
		assertThat(png.status()).isEqualTo(201);
		JsonNode picture = TestSocket.JSON.readTree(png.body());
		assertThat(picture.path("type").asString()).isEqualTo("image/png");
		assertThat(picture.path("name").asString()).isEqualTo("megnp.png");
		Response pdf = client.postMultipart(page + "/attachments", Map.of(),
				new FilePart("file", "letter.pdf", "application/pdf", PDF));
		assertThat(pdf.status()).isEqualTo(201);
		String pdfId = TestSocket.JSON.readTree(pdf.body()).path("id").asString();

		Response script = client.postMultipart(page + "/attachments", Map.of(),
				new FilePart("file", "x.png", "image/png",
						"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
							.getBytes(StandardCharsets.UTF_8)));
		assertThat(script.status()).isEqualTo(400);
		assertThat(script.body()).contains("Only pictures");
		Response big = client.postMultipart(page + "/attachments", Map.of(),
				new FilePart("file", "big.pdf", "application/pdf", Arrays.copyOf(PDF, 10 * 1024 * 1024 + 1)));
		assertThat(big.status()).isEqualTo(413);
		assertThat(jdbc.sql("select count(*) from message_attachment where conversation_id = :c")
			.param("c", chat.conversation())
			.query(Integer.class)
			.single()).isEqualTo(2);
		byte[] sealed = jdbc.sql("select sealed from message_attachment where id = cast(:id as uuid)")
			.param("id", pdfId)
			.query(byte[].class)
			.single();
		assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("%PDF");

		// Not sent yet: only the uploader can fetch it.
		WebSession therapist = signedIn(chat.therapist());
		assertThat(therapist.download(page + "/attachments/" + pdfId).status()).isEqualTo(404);
		assertThat(client.download(page + "/attachments/" + pdfId).status()).isEqualTo(200);

		TestSocket socket = opened(chat, chat.client());
		socket.send(chat.message("with-files", "Here they are")
			.set("attachments", TestSocket.JSON.createArrayNode().add(picture.path("id").asString()).add(pdfId)));
		JsonNode item = socket.next("chat-ack").path("item");
		assertThat(item.path("attachments")).hasSize(2);

		Download document = therapist.download(page + "/attachments/" + pdfId);
		assertThat(document.status()).isEqualTo(200);
		assertThat(document.body()).isEqualTo(PDF);
		assertThat(document.header("Content-Type")).isEqualTo("application/pdf");
		assertThat(document.header("Content-Disposition")).startsWith("attachment;").contains("letter.pdf");
		assertThat(document.header("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(document.header("Content-Security-Policy")).contains("sandbox");
		Download image = therapist.download(page + "/attachments/" + picture.path("id").asString());
		assertThat(image.header("Content-Disposition")).startsWith("inline;");
		assertThat(image.header("Content-Type")).isEqualTo("image/png");

		ChatFixture other = fixture("files-other");
		for (TestAccount stranger : List.of(other.client(), other.therapist())) {
			WebSession session = signedIn(stranger);
			session.get("/messages");
			assertThat(session.download(page + "/attachments/" + pdfId).status()).isEqualTo(404);
			assertThat(session
				.postMultipart(page + "/attachments", Map.of(), new FilePart("file", "a.pdf", "application/pdf", PDF))
				.status()).isEqualTo(404);
		}

		// A removed message takes its files with it.
		socket.send(chat.frame("chat-delete").put("seq", item.path("seq").asLong()));
		socket.next("chat-ack");
		assertThat(therapist.download(page + "/attachments/" + pdfId).status()).isEqualTo(404);
	}

	@Test
	void picturesReachTheOtherPartyUprightWithoutLocationMetadataOrAnythingAppended() {
		ChatFixture chat = fixture("files-clean");
		WebSession client = signedIn(chat.client());
		String page = "/messages/" + chat.conversation();
		client.get(page);
		byte[] geotagged = TestImages.geotaggedJpeg(60, 30, 6, "secret-place");
		byte[] polyglot = TestImages.polyglot(TestImages.png(40, 30));

		JsonNode photo = TestSocket.JSON.readTree(
				client
					.postMultipart(page + "/attachments", Map.of(),
							new FilePart("file", "IMG_0001.jpg", "image/jpeg", geotagged))
					.body());
		JsonNode drawing = TestSocket.JSON.readTree(client
			.postMultipart(page + "/attachments", Map.of(), new FilePart("file", "drawing.png", "image/png", polyglot))
			.body());
		assertThat(photo.path("type").asString()).isEqualTo("image/jpeg");
		assertThat(drawing.path("type").asString()).isEqualTo("image/png");
		TestSocket socket = opened(chat, chat.client());
		socket.send(chat.message("pictures", "From my walk")
			.set("attachments",
					TestSocket.JSON.createArrayNode()
						.add(photo.path("id").asString())
						.add(drawing.path("id").asString())));
		socket.next("chat-ack");

		WebSession therapist = signedIn(chat.therapist());
		Download photoServed = therapist.download(page + "/attachments/" + photo.path("id").asString());
		assertThat(photoServed.status()).isEqualTo(200);
		assertThat(photoServed.header("Content-Type")).isEqualTo("image/jpeg");
		assertThat(TestImages.jpegMarkers(photoServed.body())).as("no EXIF, XMP or comment segment")
			.doesNotContain(0xE1, 0xFE);
		assertThat(new String(photoServed.body(), StandardCharsets.ISO_8859_1)).doesNotContain("Exif")
			.doesNotContain("secret-place");
		assertThat(photo.path("size").asLong()).isEqualTo(photoServed.body().length);
		var upright = TestImages.read(photoServed.body());
		assertThat(upright.getWidth()).as("turned as the camera asked").isEqualTo(30);
		assertThat(upright.getHeight()).isEqualTo(60);

		Download drawingServed = therapist.download(page + "/attachments/" + drawing.path("id").asString());
		assertThat(TestImages.pngChunks(drawingServed.body())).containsOnly("IHDR", "IDAT", "IEND");
		assertThat(new String(drawingServed.body(), StandardCharsets.ISO_8859_1)).doesNotContain("<script")
			.doesNotContain("PK\u0003\u0004");
		assertThat(drawingServed.header("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(drawingServed.header("Content-Security-Policy")).contains("sandbox");
		// Stored the same way: nothing of the original is kept anywhere.
		for (JsonNode file : List.of(photo, drawing)) {
			byte[] stored = encryption
				.decrypt(jdbc.sql("select sealed from message_attachment where id = cast(:id as uuid)")
					.param("id", file.path("id").asString())
					.query(byte[].class)
					.single());
			assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("secret-place")
				.doesNotContain("<script");
		}
	}

	@Test
	void aPixelBombOrAWebpIsRefusedWithAClearMessageAndNothingIsStored() {
		ChatFixture chat = fixture("files-bomb");
		WebSession client = signedIn(chat.client());
		String page = "/messages/" + chat.conversation();
		client.get(page);
		byte[] bomb = TestImages.pngClaiming(100_000, 100_000);
		assertThat(bomb.length).isLessThan(1024);

		Response refused = client.postMultipart(page + "/attachments", Map.of(),
				new FilePart("file", "bomb.png", "image/png", bomb));
		assertThat(refused.status()).isEqualTo(400);
		JsonNode answer = TestSocket.JSON.readTree(refused.body());
		assertThat(answer.path("error").asString()).isEqualTo("too-many-pixels");
		assertThat(answer.path("message").asString()).isEqualTo(
				"This picture is 100,000 by 100,000 pixels, more than Haven accepts: send one of at most 40 megapixels and 12,000 pixels a side.");

		byte[] webp = Arrays.copyOf("RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.US_ASCII), 64);
		Response webpRefused = client.postMultipart(page + "/attachments", Map.of(),
				new FilePart("file", "a.webp", "image/webp", webp));
		assertThat(webpRefused.status()).isEqualTo(400);
		assertThat(webpRefused.body()).contains("WebP").contains("save it as JPEG or PNG");
		assertThat(jdbc.sql("select count(*) from message_attachment where conversation_id = :c")
			.param("c", chat.conversation())
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void theClientDownloadsTheWholeConversationAsOneInertHtmlFile() {
		ChatFixture chat = fixture("export");
		TestSocket client = opened(chat, chat.client());
		client.send(chat.message("x-1", "I felt **better** today"));
		client.next("chat-ack");
		client.send(chat.message("x-2", "<script>alert('x')</script> [link](javascript:alert(1))"));
		client.next("chat-ack");
		TestSocket therapist = opened(chat, chat.therapist());
		therapist.send(chat.message("x-3", "Glad to hear it"));
		therapist.next("chat-ack");

		WebSession session = signedIn(chat.client());
		Response export = session.get("/messages/" + chat.conversation() + "/export");
		assertThat(export.status()).isEqualTo(200);
		assertThat(export.header("Content-Disposition")).startsWith("attachment;").contains("haven-conversation.html");
		assertThat(export.body()).contains("<strong>better</strong>")
			.contains("Glad to hear it")
			.contains("&lt;script&gt;")
			.doesNotContain("<script>")
			.doesNotContain("href=\"javascript");
		assertThat(export.body().indexOf("better")).isLessThan(export.body().indexOf("Glad to hear it"));
		assertThat(jdbc.sql(
				"select count(*) from audit_entry where action = 'CONVERSATION_READ' and subject = :s and detail = 'export'")
			.param("s", "conversation:" + chat.conversation())
			.query(Integer.class)
			.single()).isEqualTo(1);
		assertThat(signedIn(chat.therapist()).get("/messages/" + chat.conversation() + "/export").status())
			.isEqualTo(404);
	}

	/**
	 * What waits unread shows beside "Messages" on every page and on the home page, as
	 * counts only, and goes once read.
	 */
	@Test
	void unreadMessagesAreCountedInTheNavigationAndOnHome() {
		ChatFixture chat = fixture("unread-count");
		TestMessages messages = TestMessages.in(context);
		long first = messages.chat(chat.therapist().id(), chat.conversation(), "Private words one");
		long second = messages.chat(chat.therapist().id(), chat.conversation(), "Private words two");
		WebSession client = signedIn(chat.client());
		String home = client.get("/home").body();
		assertThat(home).contains("<span class=\"count\">2</span><span class=\"visually-hidden\"> unread</span>")
			.contains("2 unread messages")
			.doesNotContain("Private words");
		assertThat(client.get("/account").body()).contains("<span class=\"count\">2</span>");

		messages.read(chat.client().id(), chat.conversation(), Math.max(first, second));
		String after = client.get("/home").body();
		assertThat(after).doesNotContain("class=\"count\"").contains("Nothing unread.");
		assertThat(signedIn(chat.therapist()).get("/home").body()).doesNotContain("class=\"count\"");
	}

}
