package org.haven.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.haven.browser.support.BrowserTest;
import org.haven.messaging.ChatFixture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chromium.HasCdp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * What a signed-in page costs on a slow connection, in bytes over the wire, as Chromium's
 * Resource Timing reports them (transferSize: headers and compressed body; 0 for what
 * came from the browser's cache). A repeat visit fetches the page itself and nothing
 * else; a first visit fetches styles and scripts compressed.
 */
@Tag("browser")
class RepeatVisitBrowserTests extends BrowserTest {

	/** What a repeat visit of a signed-in page may transfer at most, in bytes. */
	private static final long REPEAT_VISIT_BUDGET = 15 * 1024;

	/** The page itself and what it loaded: the Navigation and Resource Timing entries. */
	private static final String ENTRIES = """
			return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
			  .map((e) => ({ name: e.name, status: e.responseStatus, transfer: e.transferSize, encoded: e.encodedBodySize, decoded: e.decodedBodySize }));
			""";

	@Autowired
	private ApplicationContext context;

	@Test
	void aRepeatVisitOfASignedInPageTransfersOnlyThePage() {
		ChatFixture chat = ChatFixture.create(context, uniqueEmail("repeat-therapist"), uniqueEmail("repeat-client"));
		signIn(chat.client());

		// Every page is measured and printed before anything is asserted, so a failing
		// run still shows its figures.
		Map<String, List<List<Entry>>> visits = new LinkedHashMap<>();
		for (String page : List.of("/home", "/messages", "/messages/" + chat.conversation())) {
			((HasCdp) driver).executeCdpCommand("Network.clearBrowserCache", Map.of());
			List<Entry> first = visit(page);
			List<Entry> repeat = visit(page);
			visits.put(page, List.of(first, repeat));
			System.out.printf("%s: first visit %,d bytes, repeat visit %,d bytes%n", pageName(page), total(first),
					total(repeat));
			if (page.startsWith("/messages/")) {
				// The chat's modules (versioned, importing versioned modules) loaded from
				// the cache and ran.
				assertThat(((JavascriptExecutor) driver).executeScript("return typeof window.havenChat"))
					.isEqualTo("object");
			}
		}

		visits.forEach((page, both) -> {
			List<Entry> first = both.get(0);
			List<Entry> repeat = both.get(1);
			List<Entry> firstStatic = first.stream().filter(Entry::isStatic).toList();
			assertThat(firstStatic).as(page + ": styles and scripts")
				.isNotEmpty()
				.allSatisfy(e -> assertThat(e.status()).as(e.name()).isEqualTo(200))
				.allSatisfy(e -> assertThat(e.encoded()).as(e.name() + " compressed").isLessThan(e.decoded()));
			assertThat(first.get(0).encoded()).as(page + " itself compressed").isLessThan(first.get(0).decoded());
			assertThat(repeat.stream().filter(Entry::isStatic)).as(page + ": styles and scripts on a repeat visit")
				.hasSameSizeAs(firstStatic)
				.allSatisfy(e -> assertThat(e.transfer()).as(e.name() + " from the cache").isZero());
			assertThat(total(repeat)).as(page + ": bytes of a repeat visit")
				.isLessThan(total(first))
				.isLessThan(REPEAT_VISIT_BUDGET);
		});
	}

	private List<Entry> visit(String page) {
		open(page);
		await("the page to finish loading")
			.until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> entries = (List<Map<String, Object>>) ((JavascriptExecutor) driver)
			.executeScript(ENTRIES);
		return entries.stream().map(Entry::of).toList();
	}

	private static long total(List<Entry> entries) {
		return entries.stream().mapToLong(Entry::transfer).sum();
	}

	private static String pageName(String page) {
		return page.startsWith("/messages/") ? "/messages/<conversation>" : page;
	}

	record Entry(String name, long status, long transfer, long encoded, long decoded) {

		static Entry of(Map<String, Object> entry) {
			return new Entry((String) entry.get("name"), number(entry.get("status")), number(entry.get("transfer")),
					number(entry.get("encoded")), number(entry.get("decoded")));
		}

		private static long number(Object value) {
			return ((Number) value).longValue();
		}

		boolean isStatic() {
			String path = URI.create(name).getPath();
			return path.startsWith("/css/") || path.startsWith("/js/") || path.startsWith("/webjars/");
		}
	}

}
