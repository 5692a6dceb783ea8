package org.haven.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.haven.browser.support.TwoBrowserTest;
import org.haven.browser.support.Viewports;
import org.haven.messaging.ChatFixture;
import org.haven.messaging.TestMessages;
import org.haven.messaging.TextMessages;
import org.haven.support.TestSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chromium.HasCdp;
import org.openqa.selenium.interactions.Actions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Chat therapy in two real browsers: the client and the therapist chat live with receipts
 * and a typing line, a dropped connection catches up by itself, and hostile text arrives
 * inert.
 */
@Tag("browser")
class ChatBrowserTests extends TwoBrowserTest {

	private static final String UNTIL = """
			const until = async (what, f, ms = 15000) => {
			  const end = Date.now() + ms;
			  for (;;) {
			    const value = await f();
			    if (value) { return value; }
			    if (Date.now() > end) { throw new Error('timed out waiting for ' + what + ': ' + document.getElementById('chat-log').innerText.slice(0, 500)); }
			    await new Promise((r) => setTimeout(r, 50));
			  }
			};
			const items = () => [...document.querySelectorAll('#chat-log .chat-item[data-seq]')];
			""";

	/**
	 * What people paste, by mistake or not: none of it may run, load anything or break
	 * the layout.
	 */
	static final List<String> HOSTILE = List.of("<script>window.pwned = 'script'</script>",
			"<img src=x onerror=\"window.pwned = 'img'\">", "[click me](javascript:window.pwned='link')",
			"<a href=\"javascript:window.pwned='anchor'\">anchor</a>",
			"<svg onload=\"window.pwned='svg'\"><script>window.pwned='svg-script'</script></svg>",
			"<iframe src=\"javascript:window.parent.pwned='frame'\"></iframe>",
			"![tracking](http://example.com/pixel.png)",
			"<div style=\"position:fixed;inset:0;background:red\" onclick=\"window.pwned='div'\">cover</div>",
			"Invoice for \u202Egnp.exe and \u202Bright to left\u202C done", "x".repeat(10_000),
			"`<b>code</b>` and <b onmouseover=\"window.pwned='b'\">bold</b>");

	@Autowired
	private ApplicationContext context;

	@BeforeEach
	void freshCookies() {
		driver = therapistBrowser;
		((HasCdp) clientBrowser).executeCdpCommand("Network.clearBrowserCookies", Map.of());
		((HasCdp) therapistBrowser).executeCdpCommand("Network.clearBrowserCookies", Map.of());
	}

	@AfterEach
	void leave() {
		for (WebDriver browser : new WebDriver[] { clientBrowser, therapistBrowser }) {
			browser.get("about:blank");
		}
		driver = therapistBrowser;
	}

	@Test
	void clientAndTherapistChatLiveWithReceiptsAndCatchUpAfterALostConnection() {
		ChatFixture chat = ChatFixture.create(context, uniqueEmail("chat-browser-therapist"),
				uniqueEmail("chat-browser-client"));
		String page = "/messages/" + chat.conversation();

		as(clientBrowser);
		signIn(chat.client());
		open("/messages");
		assertAccessible("messages list");
		open(page);
		chatReady();
		assertAccessible("chat, empty");

		as(therapistBrowser);
		signIn(chat.therapist());
		open(page);
		chatReady();

		// The client writes; the therapist's page shows it; the client's own message
		// turns Read.
		as(clientBrowser);
		send("Hello, I had a **hard** week 🙁");
		as(therapistBrowser);
		inPage("return await until('the message', () => items().some((li) => li.textContent.includes('I had a hard week')));");
		assertThat(driver.findElements(By.cssSelector("#chat-log .chat-item.theirs strong")))
			.extracting(e -> e.getText())
			.contains("hard");
		as(clientBrowser);
		inPage("return await until('the read receipt', () => items().some((li) => li.querySelector('.chat-receipt').textContent.includes('Read')));");

		// The therapist types: the client sees it, then the reply.
		as(therapistBrowser);
		driver.findElement(By.id("chat-text")).sendKeys("I'm sorry to hear that");
		as(clientBrowser);
		inPage("return await until('the typing line', () => document.getElementById('chat-typing').textContent.includes('typing'));");
		as(therapistBrowser);
		driver.findElement(By.id("chat-send")).click();
		as(clientBrowser);
		inPage("return await until('the reply', () => items().some((li) => li.textContent.includes(\"I'm sorry to hear that\")));");
		assertAccessible("chat with messages, client");
		as(therapistBrowser);
		assertAccessible("chat with messages, therapist");
		screenshot("chat-therapist");

		// The client's connection drops; meanwhile the therapist writes twice; the
		// client's page catches up, in order.
		as(clientBrowser);
		inPage("window.chatMarker = 'same page'; havenChat.connection.ws.close(); return true;");
		as(therapistBrowser);
		send("First while you were away");
		send("Second while you were away");
		as(clientBrowser);
		Object texts = inPage(
				"""
						await until('the missed messages', () => items().some((li) => li.textContent.includes('Second while')));
						return items().map((li) => li.querySelector('.chat-body') ? li.querySelector('.chat-body').textContent.trim() : '');
						""");
		assertThat(texts).asList().containsSubsequence("First while you were away", "Second while you were away");
		assertThat(inPage("return window.chatMarker;")).isEqualTo("same page");
	}

	/**
	 * A socket closed because its session ended (1008) is not tried again, which would be
	 * refused forever: the page goes to the sign-in page.
	 */
	@Test
	void signingOutElsewhereTakesAnOpenChatToTheSignInPage() {
		ChatFixture chat = ChatFixture.create(context, uniqueEmail("chat-signout-therapist"),
				uniqueEmail("chat-signout-client"));
		as(clientBrowser);
		signIn(chat.client());
		open("/messages/" + chat.conversation());
		chatReady();

		// Another tab of the same session signs out; Haven closes this page's socket.
		inPage("""
				const header = document.querySelector('meta[name="csrf-header"]').content;
				const token = document.querySelector('meta[name="csrf-token"]').content;
				fetch('/logout', { method: 'POST', credentials: 'same-origin', redirect: 'manual', headers: { [header]: token } });
				return true;
				""");
		await("the sign-in page").until(d -> d.getCurrentUrl().endsWith("/login?signedOut"));
	}

	/**
	 * Texts (SMS) in the therapist's chat: marked "by text" in words, the client's text
	 * announced as it comes, the therapist's own text with its delivery state, changing
	 * live (and announced) and still there after a reload.
	 */
	@Test
	void textsAreMarkedByTextAndTheTherapistSeesTheirDeliveryStateLive() {
		ChatFixture chat = ChatFixture.create(context, uniqueEmail("chat-texts-therapist"),
				uniqueEmail("chat-texts-client"));
		TextMessages texts = context.getBean(TextMessages.class);
		String page = "/messages/" + chat.conversation();
		as(therapistBrowser);
		signIn(chat.therapist());
		open(page);
		chatReady();

		texts.receivedByText(chat.conversation(), chat.client().id(), "Running <b>late</b>, sorry", "browser-1");
		Object incoming = inPage("""
				const li = await until('the text', () => items().find((l) => l.dataset.seq === '1'));
				return [li.querySelector('.chat-via').textContent, li.querySelector('.chat-body').textContent.trim(),
				  document.getElementById('chat-announce').textContent];
				""");
		assertThat(incoming).asList()
			.containsExactly("by text message (SMS)", "Running <b>late</b>, sorry",
					"Your client, by text: Running <b>late</b>, sorry");

		long seq = texts.sentByText(chat.conversation(), chat.therapist().id(), "See you at 10", "browser-2").seq();
		inPage("return await until('the reply', () => items().some((l) => l.dataset.seq === '%d'));".formatted(seq));
		texts.textState(chat.conversation(), seq, "DELIVERED");
		Object state = inPage(
				"""
						const state = await until('the state', () => document.querySelector('[data-seq="%d"] .chat-text-state'));
						await until('the announcement', () => document.getElementById('chat-announce').textContent.startsWith('Your text'));
						return [state.textContent, document.getElementById('chat-announce').textContent,
						  document.querySelector('[data-seq="%d"] .chat-receipt') === null];
						"""
					.formatted(seq, seq));
		assertThat(state).asList()
			.containsExactly(" · Delivered to their phone", "Your text: Delivered to their phone.", true);
		assertAccessible("chat with texts");
		screenshot("chat-texts");

		texts.textState(chat.conversation(), seq, "UNCONFIRMED");
		inPage("return await until('the new state', () => document.querySelector('[data-seq=\"%d\"] .chat-text-state').textContent.includes('not confirmed'));"
			.formatted(seq));
		open(page);
		chatReady();
		Object reloaded = inPage(
				"""
						const state = await until('the state', () => document.querySelector('[data-seq="%d"] .chat-text-state'));
						return state.textContent;
						"""
					.formatted(seq));
		assertThat(reloaded).isEqualTo(" · Sent, but delivery was not confirmed");
	}

	@Test
	void hostileTextIsShownInertAndKeepsTheLayout() {
		ChatFixture chat = ChatFixture.create(context, uniqueEmail("chat-hostile-therapist"),
				uniqueEmail("chat-hostile-client"));
		String page = "/messages/" + chat.conversation();
		as(therapistBrowser);
		signIn(chat.therapist());
		open(page);
		chatReady();
		as(clientBrowser);
		signIn(chat.client());
		open(page);
		chatReady();
		clock.advance(Duration.ofSeconds(10));
		for (String text : HOSTILE) {
			send(text);
		}
		inPage("return await until('all acknowledged', () => items().length === %d);".formatted(HOSTILE.size()));

		for (WebDriver browser : new WebDriver[] { therapistBrowser, clientBrowser }) {
			as(browser);
			inPage("return await until('every message', () => items().length === %d);".formatted(HOSTILE.size()));
			assertInert("chat");
		}
		as(therapistBrowser);
		screenshot("chat-hostile");
		assertAccessible("chat with hostile text");
	}

	@Test
	void hostileTextInALetterIsShownInertAndItsCardAppearsInTheChat() {
		ChatFixture chat = ChatFixture.create(context, uniqueEmail("letter-hostile-therapist"),
				uniqueEmail("letter-hostile-client"));
		as(therapistBrowser);
		signIn(chat.therapist());
		open("/messages/" + chat.conversation());
		chatReady();

		as(clientBrowser);
		signIn(chat.client());
		open("/messages/" + chat.conversation() + "/letters/new");
		// A subject is one line without reordering marks (refused with a message); the
		// body takes anything.
		String subject = "<script>window.pwned='subject'</script> gnp.exe <img src=x onerror=\"window.pwned='s-img'\">";
		runInPage("", """
				document.getElementById('subject').value = %s;
				document.getElementById('body').value = %s;
				return true;
				""".formatted(org.haven.support.TestSocket.JSON.writeValueAsString(subject),
				TestSocket.JSON.writeValueAsString(String.join("\n\n", HOSTILE))));
		press("Send letter");
		await("the letter's page")
			.until(d -> d.getCurrentUrl().contains("/letters/") && !d.getCurrentUrl().endsWith("/new"));
		assertInert("the client's letter");
		String thread = driver.getCurrentUrl().replaceAll("[?#].*$", "");

		// The therapist's open chat shows the letter as a card with its subject, as text.
		as(therapistBrowser);
		inPage("return await until('the letter card', () => items().some((li) => li.textContent.includes('Letter: ')));");
		assertInert("the chat with a letter card");
		driver.get(thread);
		assertThat(heading()).contains("<script>");
		assertInert("the therapist's letter");
		assertAccessible("letter with hostile text");
		screenshot("letter-hostile");
	}

	/**
	 * Nothing ran, nothing loads from elsewhere, no active content, and nothing is wider
	 * than the page.
	 */
	static void assertInert(String where) {
		Object report = runInPage("",
				"""
						const log = document.querySelector('main');
						const links = [...log.querySelectorAll('a')].map((a) => a.getAttribute('href') || '');
						return JSON.stringify({
						  pwned: window.pwned || null,
						  active: [...log.querySelectorAll('script:not([src^="/js/"]), iframe, svg, object, embed, img:not([src^="/messages/"]), [onerror], [onload], [onclick], [onmouseover], [style]')].map((e) => e.outerHTML.slice(0, 80)),
						  badLinks: links.filter((h) => !/^(https?:|mailto:|\\/|#)/.test(h)),
						  pageWidth: document.documentElement.scrollWidth, viewport: window.innerWidth,
						  overflowing: [...log.querySelectorAll('.chat-body, .letter-body')].filter((b) => b.scrollWidth > b.clientWidth + 1).length,
						});
						""");
		assertThat(String.valueOf(report)).as(where)
			.contains("\"pwned\":null")
			.contains("\"active\":[]")
			.contains("\"badLinks\":[]")
			.contains("\"overflowing\":0");
		JsonNode parsed = TestSocket.JSON.readTree(String.valueOf(report));
		assertThat(parsed.path("pageWidth").asInt()).as("%s: the page is no wider than the window", where)
			.isLessThanOrEqualTo(parsed.path("viewport").asInt());
	}

	/**
	 * On a phone the chat is a messaging app: the page fits the screen, the log takes the
	 * height and scrolls by itself, the composer sits at the bottom, days are separated,
	 * times read one way, nothing shifts while the conversation loads, and the keyboard
	 * alone reaches the composer and sends.
	 */
	@Test
	void onAPhoneTheChatFitsTheScreenDoesNotShiftAndWorksByKeyboard() {
		ChatFixture chat = ChatFixture.create(context, uniqueEmail("chat-phone-therapist"),
				uniqueEmail("chat-phone-client"));
		TestMessages messages = TestMessages.in(context);
		for (int i = 0; i < 12; i++) {
			messages.chat(chat.therapist().id(), chat.conversation(), "Yesterday's message " + i);
		}
		clock.advance(Duration.ofDays(1));
		messages.chat(chat.therapist().id(), chat.conversation(), "Today's message");

		as(clientBrowser);
		signIn(chat.client());
		((HasCdp) clientBrowser).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
				window.layoutShift = 0;
				new PerformanceObserver((list) => list.getEntries().forEach((e) => {
				  if (!e.hadRecentInput) { window.layoutShift += e.value; }
				})).observe({ type: 'layout-shift', buffered: true });"""));
		Viewports.show(clientBrowser, Viewports.PHONE);
		try {
			open("/messages/" + chat.conversation());
			chatReady();
			inPage("return await until('the messages', () => items().length === 13);");
			@SuppressWarnings("unchecked")
			Map<String, Object> layout = (Map<String, Object>) inPage(
					"""
							const send = document.getElementById('chat-send').getBoundingClientRect();
							const text = document.getElementById('chat-text').getBoundingClientRect();
							return { pageHeight: document.documentElement.scrollHeight, viewport: window.innerHeight,
							  sideways: document.documentElement.scrollWidth - window.innerWidth,
							  sendBottom: send.bottom, textBottom: text.bottom,
							  log: document.getElementById('chat-log').getBoundingClientRect().height,
							  logScrolls: document.getElementById('chat-log').scrollHeight > document.getElementById('chat-log').clientHeight,
							  days: [...document.querySelectorAll('#chat-log .chat-day')].map((d) => d.textContent),
							  times: [...document.querySelectorAll('#chat-log .chat-meta time')].map((t) => t.textContent),
							  shift: window.layoutShift };""");
			System.out.println("[chat at 390x844] " + layout);
			long viewport = ((Number) layout.get("viewport")).longValue();
			assertThat(((Number) layout.get("pageHeight")).longValue()).as("the page fits the screen")
				.isLessThanOrEqualTo(viewport);
			assertThat(((Number) layout.get("sideways")).longValue()).isLessThanOrEqualTo(0);
			assertThat(((Number) layout.get("sendBottom")).doubleValue()).as("Send is on screen")
				.isLessThanOrEqualTo(viewport);
			assertThat(((Number) layout.get("log")).doubleValue()).as("the log takes the height")
				.isGreaterThan(viewport / 2.0);
			assertThat(layout.get("logScrolls")).isEqualTo(true);
			// Days in words, on the browser's own calendar (the application's clock runs
			// ahead of it in tests).
			assertThat((List<?>) layout.get("days")).hasSize(2)
				.doesNotHaveDuplicates()
				.allSatisfy((day) -> assertThat(day.toString())
					.matches("Today|Yesterday|[A-Z][a-z]+day \\d{1,2} [A-Z][a-z]+( \\d{4})?"));
			assertThat((List<?>) layout.get("times")).isNotEmpty()
				.allSatisfy((time) -> assertThat(time.toString()).matches("\\d{2}:\\d{2}"));
			assertThat(((Number) layout.get("shift")).doubleValue()).as("layout shift while loading").isLessThan(0.01);
			Viewports.screenshot(clientBrowser, "chat", Viewports.PHONE);
			assertAccessible("chat on a phone");

			// The keyboard alone: Tab from the top of the page to the message box, type,
			// Enter.
			// Loaded afresh, the page's Tab order starts at its top (the skip link).
			open("/messages/" + chat.conversation());
			chatReady();
			int tabs = 0;
			while (!"chat-text".equals(clientBrowser.switchTo().activeElement().getDomAttribute("id"))) {
				new Actions(clientBrowser).sendKeys(Keys.TAB).perform();
				assertThat(++tabs).as("Tab presses to reach the message box").isLessThan(40);
			}
			new Actions(clientBrowser).sendKeys("Typed by keyboard alone").sendKeys(Keys.ENTER).perform();
			inPage("return await until('the sent message', () => items().some((li) => li.classList.contains('mine') && li.textContent.includes('Typed by keyboard alone')));");
			System.out.println("[chat at 390x844] Tab presses from the top to the message box: " + tabs);
		}
		finally {
			Viewports.reset(clientBrowser);
		}
	}

	private void chatReady() {
		inPage("return await until('the chat to open', () => document.getElementById('chat-status').textContent === '' || document.getElementById('chat-status').textContent.includes('ended'));");
	}

	private void send(String text) {
		inPage("""
				const area = document.getElementById('chat-text');
				area.value = %s;
				document.getElementById('chat-form').requestSubmit();
				return true;
				""".formatted(org.haven.support.TestSocket.JSON.writeValueAsString(text)));
	}

	private static Object inPage(String body) {
		return runInPage(UNTIL, body);
	}

}
