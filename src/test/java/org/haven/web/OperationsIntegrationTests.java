package org.haven.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.haven.identity.TestAccounts;
import org.haven.identity.TestAccounts.TestAccount;
import org.haven.support.IntegrationTest;
import org.haven.support.WebSession;
import org.haven.support.WebSession.Response;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import com.jayway.jsonpath.JsonPath;

/**
 * What operators and browsers rely on: health and metrics, the API description, security
 * headers, local assets.
 */
class OperationsIntegrationTests extends IntegrationTest {

	private static final Pattern SCRIPT_OR_LINK = Pattern.compile("<(?:script|link)\\b[^>]*>",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern SOURCE = Pattern.compile("\\b(?:src|href)\\s*=\\s*[\"']([^\"']*)[\"']",
			Pattern.CASE_INSENSITIVE);

	/** What a browser asks for when following a link. */
	private static final Map<String, String> BROWSER = Map.of("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");

	@Autowired
	ApplicationContext context;

	@Test
	void healthIsUpForAnyoneAndShowsNoDetails() {
		Response health = browser().get("/actuator/health");

		assertThat(health.status()).isEqualTo(200);
		assertThat((String) JsonPath.read(health.body(), "$.status")).isEqualTo("UP");
		assertThat(health.body()).doesNotContain("components").doesNotContain("details");
	}

	@Test
	void metricsAreForAdminsOnly() {
		Response anonymous = browser().get("/actuator/prometheus");
		assertThat(anonymous.status()).isEqualTo(302);
		assertThat(anonymous.location()).endsWith("/login");
		assertThat(anonymous.body()).doesNotContain("jvm_memory_used_bytes");

		Response client = signedIn(accounts().client(uniqueEmail("ops-client"))).get("/actuator/prometheus");
		assertThat(client.status()).isEqualTo(403);
		assertThat(client.body()).doesNotContain("jvm_memory_used_bytes");

		Response admin = signedIn(accounts().admin(uniqueEmail("ops-admin"))).get("/actuator/prometheus");
		assertThat(admin.status()).isEqualTo(200);
		assertThat(admin.header("Content-Type")).startsWith("text/plain");
		assertThat(admin.body()).containsPattern("(?m)^jvm_memory_used_bytes\\{.*\\} \\d");
	}

	@Test
	void apiDescriptionCoversTheApiAndNothingElse() {
		Response docs = browser().get("/v3/api-docs");

		assertThat(docs.status()).isEqualTo(200);
		assertThat(docs.header("Content-Type")).startsWith("application/json");
		Map<String, Object> paths = JsonPath.read(docs.body(), "$.paths");
		assertThat(paths).containsKey("/api/v1/me");
		assertThat(paths.keySet()).allSatisfy(path -> assertThat(path).startsWith("/api/v1/"));
	}

	@Test
	void pagesCarryTheSecurityHeaders() {
		Response page = browser().get("/login");

		String policy = page.header("Content-Security-Policy");
		assertThat(policy).isNotNull();
		assertThat(directive(policy, "script-src")).isNotEmpty().doesNotContain("'unsafe-inline'", "'unsafe-eval'");
		assertThat(directive(policy, "frame-ancestors")).containsExactly("'none'");
		assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
		assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
	}

	@Test
	void strictTransportSecurityOnlyOverHttps() {
		Response https = browser().get("/login", Map.of("X-Forwarded-Proto", "https"));
		assertThat(https.header("Strict-Transport-Security")).isNotNull()
			.contains("max-age=31536000")
			.contains("includeSubDomains");

		Response http = browser().get("/login");
		assertThat(http.header("Strict-Transport-Security")).isNull();
	}

	/**
	 * Scripts and styles come from Haven itself: no page hands its visitors' addresses to
	 * another host.
	 */
	@Test
	void noPageLoadsScriptsOrStylesFromElsewhere() {
		WebSession anonymous = browser();
		WebSession admin = signedIn(accounts().admin(uniqueEmail("ops-pages")));
		Map<String, String> pages = new LinkedHashMap<>();
		for (String path : List.of("/", "/login", "/register", "/register/sent", "/register/resend", "/verify-email",
				"/password-reset", "/password-reset/sent", "/password-reset/confirm", "/invitation")) {
			pages.put(path, checkedPage(anonymous, path));
		}
		for (String path : List.of("/home", "/account", "/account/2fa/setup", "/admin/users", "/admin/invitations",
				"/admin/audit")) {
			pages.put(path, checkedPage(admin, path));
		}
		Response notFound = admin.get("/no-such-page", BROWSER);
		assertThat(notFound.status()).isEqualTo(404);
		pages.put("a missing page", notFound.body());

		Set<String> local = new TreeSet<>();
		for (var page : pages.entrySet()) {
			List<String> sources = sources(page.getValue());
			assertThat(sources).as(page.getKey())
				.anyMatch(s -> s.matches("/js/haven-[0-9a-f]{32}\\.js"))
				.anyMatch(s -> s.matches("/css/haven-[0-9a-f]{32}\\.css"));
			assertThat(sources).as(page.getKey()).noneMatch(source -> source.matches("(?i)^(https?:)?//.*"));
			local.addAll(sources);
		}
		for (String source : local) {
			assertThat(anonymous.get(source).status()).as(source).isEqualTo(200);
		}
	}

	private static String checkedPage(WebSession browser, String path) {
		Response page = browser.get(path);
		assertThat(page.status()).as(path).isEqualTo(200);
		return page.body();
	}

	/** The src and href of every script and link tag. */
	private static List<String> sources(String html) {
		List<String> sources = new ArrayList<>();
		Matcher tag = SCRIPT_OR_LINK.matcher(html);
		while (tag.find()) {
			Matcher source = SOURCE.matcher(tag.group());
			while (source.find()) {
				sources.add(source.group(1));
			}
		}
		return sources;
	}

	/**
	 * The values of one directive of a Content-Security-Policy, empty if it is missing.
	 */
	private static List<String> directive(String policy, String name) {
		return Arrays.stream(policy.split(";"))
			.map(String::trim)
			.filter(d -> d.startsWith(name + " "))
			.findFirst()
			.map(d -> Arrays.asList(d.substring(name.length()).trim().split("\\s+")))
			.orElse(List.of());
	}

	private TestAccounts accounts() {
		return TestAccounts.in(context);
	}

	private WebSession signedIn(TestAccount account) {
		WebSession browser = browser();
		browser.signIn(account.email(), account.password(), account.totpSecret() == null ? null : account.code());
		return browser;
	}

}
