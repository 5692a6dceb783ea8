package org.haven.scheduling.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.haven.identity.CurrentAccount;
import org.haven.scheduling.internal.CalendarFeeds;
import org.haven.shared.web.PublicLinks;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The private calendar link: a page to make, replace and turn it off, and the feed
 * itself, which calendar applications fetch without signing in. The link travels only in
 * a flash attribute (kept in the session for one request), never in a redirect URL, so it
 * reaches neither browser history nor logs.
 */
@Controller
class CalendarFeedController {

	private static final MediaType CALENDAR = new MediaType("text", "calendar", StandardCharsets.UTF_8);

	private static final DateTimeFormatter WHEN = DateTimeFormatter
		.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
		.withZone(ZoneOffset.UTC);

	private final CalendarFeeds feeds;

	private final PublicLinks links;

	CalendarFeedController(CalendarFeeds feeds, PublicLinks links) {
		this.feeds = feeds;
		this.links = links;
	}

	@GetMapping("/calendar-feed")
	String page(@AuthenticationPrincipal CurrentAccount me, Model model) {
		model.addAttribute("feed",
				feeds.find(me.id()).map(f -> new FeedView(when(f.createdAt()), when(f.lastFetchedAt()))).orElse(null));
		return "scheduling/calendar-feed";
	}

	@PostMapping("/calendar-feed")
	String create(@AuthenticationPrincipal CurrentAccount me, RedirectAttributes redirect) {
		CalendarFeeds.Created created = feeds.create(me.id());
		redirect.addFlashAttribute("feedLink", link(created.token()).toString());
		redirect.addFlashAttribute("replaced", created.replaced());
		return "redirect:/calendar-feed";
	}

	@PostMapping("/calendar-feed/revoke")
	String revoke(@AuthenticationPrincipal CurrentAccount me) {
		feeds.revoke(me.id());
		return "redirect:/calendar-feed?turnedOff";
	}

	/** Unknown, replaced, revoked and malformed tokens all get the same empty 404. */
	@GetMapping("/calendar/{token}.ics")
	ResponseEntity<String> feed(@PathVariable String token) {
		return feeds.calendar(token)
			.map(ics -> ResponseEntity.ok()
				.contentType(CALENDAR)
				.cacheControl(CacheControl.maxAge(Duration.ofMinutes(15)).cachePrivate())
				.header("X-Robots-Tag", "noindex")
				.header("Referrer-Policy", "no-referrer")
				.body(ics))
			.orElseGet(() -> ResponseEntity.notFound().build());
	}

	/** Where a calendar application finds the feed of this token: {@link #feed}. */
	private URI link(String token) {
		return links.to("/calendar/" + token + ".ics");
	}

	private static String when(Instant instant) {
		return instant == null ? null : WHEN.format(instant);
	}

	/**
	 * @param lastFetched null until a calendar application first fetched the feed
	 */
	record FeedView(String created, String lastFetched) {
	}

}
