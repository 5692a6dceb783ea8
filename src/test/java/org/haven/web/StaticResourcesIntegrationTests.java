package org.haven.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import org.haven.identity.TestAccounts;
import org.haven.identity.TestAccounts.TestAccount;
import org.haven.support.IntegrationTest;
import org.haven.support.WebSession;
import org.haven.support.WebSession.Response;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.web.servlet.resource.ResourceUrlProvider;

/**
 * What a browser on a slow connection is told: styles and scripts under URLs that name
 * their content, kept for a year; their plain URLs and every page revalidated or not
 * stored at all; text compressed on request.
 */
class StaticResourcesIntegrationTests extends IntegrationTest {

	private static final String YEAR = "max-age=31536000";

	private static final Pattern STYLESHEET = Pattern
		.compile("<link rel=\"stylesheet\" href=\"(/css/haven-[0-9a-f]{32}\\.css)\">");

	private static final Pattern SCRIPT = Pattern
		.compile("<script type=\"module\" src=\"(/js/haven-[0-9a-f]{32}\\.js)\"></script>");

	/**
	 * A relative import in a served module, e.g.
	 * {@code from './chat/connection-<version>.js'}.
	 */
	private static final Pattern IMPORT = Pattern.compile("\\b(?:from|import)\\s*\\(?\\s*'(\\.\\.?/[^']+)'");

	@Autowired
	ApplicationContext context;

	@Test
	void pagesLinkStylesAndScriptsUnderVersionedUrlsKeptForAYear() {
		String page = browser().get("/login").body();

		for (Pattern link : new Pattern[] { STYLESHEET, SCRIPT }) {
			Matcher found = link.matcher(page);
			assertThat(found.find()).as("%s in the sign-in page", link).isTrue();
			Response asset = browser().get(found.group(1));
			assertThat(asset.status()).as(found.group(1)).isEqualTo(200);
			assertThat(cacheControl(asset)).as(found.group(1))
				.contains(YEAR, "public", "immutable")
				.doesNotContain("no-store", "no-cache");
			assertThat(asset.header("Pragma")).isNull();
			assertThat(asset.header("Expires")).isNull();
		}
		assertThat(page).doesNotContain("htmx", "/webjars/");
	}

	@Test
	void plainStaticUrlsAreRevalidatedNotKept() {
		for (String path : new String[] { "/css/haven.css", "/js/haven.js", "/js/chat.js", "/js/chat/connection.js" }) {
			Response asset = browser().get(path);
			assertThat(asset.status()).as(path).isEqualTo(200);
			// Kept and revalidated (a 304 of a few bytes), not fetched again in full each
			// time, nor kept for a year.
			assertThat(cacheControl(asset)).as(path).isEqualTo("no-cache");
			assertThat(asset.header("Last-Modified")).as(path).isNotNull();
			assertThat(browser().get(path, Map.of("If-Modified-Since", asset.header("Last-Modified"))).status())
				.as(path)
				.isEqualTo(304);
		}
	}

	@Test
	void aVersionThatIsNotTheContentsIsNotServed() {
		assertThat(browser().get("/css/haven-0123456789abcdef0123456789abcdef.css").status()).isEqualTo(404);
		assertThat(browser().get("/js/haven-0123456789abcdef0123456789abcdef.js").status()).isEqualTo(404);
	}

	/**
	 * A module is one module, run once, only under one URL: the scripts that borrow
	 * haven.js's CSRF helper import it under the versioned URL every page loads it by, so
	 * its idle warning does not start twice.
	 */
	@Test
	void scriptsImportHavenJsUnderTheUrlThePagesLoadItBy() {
		String haven = versionedUrlOf("/js/haven.js");
		assertThat(browser().get("/login").body()).contains("\"" + haven + "\"");
		for (String module : new String[] { "/js/letters.js", "/js/notes.js", "/js/intake.js", "/js/chat/view.js",
				"/js/visit/keepalive.js" }) {
			String versioned = versionedUrlOf(module);
			Matcher imports = IMPORT.matcher(browser().get(versioned).body());
			List<String> resolved = new ArrayList<>();
			while (imports.find()) {
				resolved.add(URI.create(versioned).resolve(imports.group(1)).getPath());
			}
			assertThat(resolved).as(module).contains(haven);
		}
	}

	/**
	 * The page scripts are ES modules importing each other by relative URL: from a
	 * versioned module, every import (transitively) is a versioned URL kept for a year
	 * too, never a plain one asked for on every page.
	 */
	@Test
	void modulesImportVersionedModules() {
		Deque<String> toVisit = new ArrayDeque<>();
		for (String entry : new String[] { "/js/chat.js", "/js/visit.js", "/js/letters.js", "/js/haven.js",
				"/js/notes.js", "/js/intake.js" }) {
			String versioned = versionedUrlOf(entry);
			assertThat(versioned).as(entry).matches("/js/[a-z]+-[0-9a-f]{32}\\.js");
			toVisit.add(versioned);
		}
		Set<String> seen = new LinkedHashSet<>();
		while (!toVisit.isEmpty()) {
			String module = toVisit.pop();
			if (!seen.add(module)) {
				continue;
			}
			Response served = browser().get(module);
			assertThat(served.status()).as(module).isEqualTo(200);
			assertThat(served.header("Content-Type")).as(module).contains("javascript");
			assertThat(cacheControl(served)).as(module).contains(YEAR, "immutable");
			Matcher imports = IMPORT.matcher(served.body());
			while (imports.find()) {
				String specifier = imports.group(1);
				assertThat(specifier).as("an import in " + module).matches(".*-[0-9a-f]{32}\\.js");
				toVisit.add(URI.create(module).resolve(specifier).getPath());
			}
		}
		// The page scripts, the modules under js/chat and js/visit they import, and the
		// socket client they share.
		assertThat(seen).hasSizeGreaterThan(15)
			.anyMatch(m -> m.startsWith("/js/chat/connection-"))
			.anyMatch(m -> m.startsWith("/js/socket-"))
			.anyMatch(m -> m.startsWith("/js/visit/text-panel-"))
			.anyMatch(m -> m.startsWith("/js/chat/safe-html-"));
	}

	@Test
	void privatePagesAreNeverStored() {
		TestAccount client = TestAccounts.in(context).client(uniqueEmail("static-client"));
		WebSession browser = browser();
		browser.signIn(client.email(), client.password(), null);

		for (String path : new String[] { "/home", "/messages", "/account" }) {
			Response page = browser.get(path);
			assertThat(page.status()).as(path).isEqualTo(200);
			assertThat(cacheControl(page)).as(path).contains("no-store").doesNotContain(YEAR);
		}
		assertThat(cacheControl(browser().get("/login"))).contains("no-store");
	}

	@Test
	void textIsCompressedWhenTheBrowserAsksForIt() {
		String stylesheet = first(STYLESHEET, browser().get("/login").body());
		for (String path : new String[] { "/login", stylesheet, versionedUrlOf("/js/visit.js"), "/js/chat/view.js",
				"/v3/api-docs" }) {
			HttpResponse<byte[]> plain = fetch(path, Map.of());
			HttpResponse<byte[]> gzip = fetch(path, Map.of("Accept-Encoding", "gzip"));

			assertThat(plain.statusCode()).as(path).isEqualTo(200);
			assertThat(plain.headers().firstValue("Content-Encoding")).as(path).isEmpty();
			assertThat(gzip.statusCode()).as(path).isEqualTo(200);
			assertThat(gzip.headers().firstValue("Content-Encoding")).as(path).hasValue("gzip");
			assertThat(gzip.headers().allValues("Vary").toString()).as(path).containsIgnoringCase("accept-encoding");
			assertThat(gzip.body().length).as(path).isLessThan(plain.body().length / 2);
			if (!path.equals("/login")) {
				// The sign-in page carries a fresh CSRF token each time; the others are
				// the same bytes.
				assertThat(gunzip(gzip.body())).as(path).isEqualTo(plain.body());
			}
		}
	}

	/**
	 * What a page's {@code @{/js/...}} link becomes: the versioned URL, as the resource
	 * chain names it.
	 */
	private String versionedUrlOf(String path) {
		String versioned = context.getBean(ResourceUrlProvider.class).getForLookupPath(path);
		assertThat(versioned).as(path).isNotNull().isNotEqualTo(path);
		return versioned;
	}

	private static String first(Pattern pattern, String html) {
		Matcher found = pattern.matcher(html);
		assertThat(found.find()).as(pattern.pattern()).isTrue();
		return found.group(1);
	}

	private static String cacheControl(Response response) {
		String value = response.header("Cache-Control");
		return value == null ? "" : value;
	}

	private HttpResponse<byte[]> fetch(String path, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
		headers.forEach(request::header);
		try {
			return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] gunzip(byte[] compressed) {
		try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
