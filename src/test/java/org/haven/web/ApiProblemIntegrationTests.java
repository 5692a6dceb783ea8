package org.haven.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import org.haven.identity.TestAccounts;
import org.haven.support.IntegrationTest;
import org.haven.support.WebSession;
import org.haven.support.WebSession.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every refusal under /api/v1 is an RFC 9457 problem, whoever produces it: Spring
 * Security (401, 403, a missing CSRF token), Spring MVC (unknown path, method, media
 * type, unreadable body, a malformed id or parameter) or Haven's own controllers (an
 * unknown id).
 */
class ApiProblemIntegrationTests extends IntegrationTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	ApplicationContext context;

	TestAccounts accounts;

	@BeforeEach
	void accounts() {
		accounts = TestAccounts.in(context);
	}

	@Test
	void anAnonymousCallerIsToldHowToAuthenticate() {
		Response response = browser().get("/api/v1/me", Map.of("Accept", "application/json"));

		JsonNode problem = problem(response, 401, "/api/v1/me");
		assertThat(response.header("WWW-Authenticate"))
			.isEqualTo("Cookie realm=\"Haven\", form-action=\"/login\", cookie-name=\"HAVEN_SESSION\"");
		assertThat(problem.get("title").asString()).isEqualTo("Unauthorized");
	}

	@Test
	void aClientAskingForAnAdminListIsRefused() {
		WebSession client = signedInClient("problem-403");
		problem(client.get("/api/v1/admin/users", Map.of("Accept", "application/json")), 403, "/api/v1/admin/users");
	}

	@Test
	void aPostWithoutCsrfTokenIsRefusedAsAProblem() {
		WebSession client = signedInClient("problem-csrf");
		Response response = client.get("/api/v1/me");
		assertThat(response.status()).isEqualTo(200);
		// The same session, without the page's token.
		Response refused = rawJsonPost(client.sessionId(), "/api/v1/appointments", "{}");
		JsonNode problem = problem(refused, 403, "/api/v1/appointments");
		assertThat(problem.get("detail").asString()).contains("CSRF");
	}

	@Test
	void unknownPathsAndIdsAreProblems() {
		WebSession client = signedInClient("problem-404");
		problem(client.get("/api/v1/no-such-thing", Map.of("Accept", "application/json")), 404,
				"/api/v1/no-such-thing");
		problem(client.get("/api/v1/no-such-thing", Map.of("Accept", "*/*")), 404, "/api/v1/no-such-thing");
		String unknown = "/api/v1/therapists/" + UUID.randomUUID();
		problem(client.get(unknown, Map.of("Accept", "application/json")), 404, unknown);
		String appointment = "/api/v1/appointments/" + UUID.randomUUID() + "/cancel";
		client.get("/home");
		problem(client.postJson(appointment, "{}"), 404, appointment);
	}

	@Test
	void aWrongMethodIsAProblemThatSaysWhichAreAllowed() {
		WebSession client = signedInClient("problem-405");
		client.get("/home");
		Response response = client.postJson("/api/v1/me", "{}");
		problem(response, 405, "/api/v1/me");
		assertThat(response.header("Allow")).contains("GET");
	}

	@Test
	void anUnsupportedMediaTypeIsAProblem() {
		WebSession client = signedInClient("problem-415");
		client.get("/home");
		Response response = client.post("/api/v1/appointments", Map.of("start", "x"));
		problem(response, 415, "/api/v1/appointments");
	}

	@Test
	void malformedJsonIsAProblem() {
		WebSession client = signedInClient("problem-json");
		client.get("/home");
		problem(client.postJson("/api/v1/appointments", "{\"therapistId\":"), 400, "/api/v1/appointments");
		JsonNode wrongType = problem(client.postJson("/api/v1/appointments", "{\"therapistId\":\"not-an-id\"}"), 400,
				"/api/v1/appointments");
		assertThat(wrongType.get("field").asString()).isEqualTo("therapistId");
	}

	@Test
	void aMalformedIdOrParameterIsAProblemNamingIt() {
		WebSession client = signedInClient("problem-param");
		JsonNode id = problem(client.get("/api/v1/therapists/not-an-id", Map.of("Accept", "application/json")), 400,
				"/api/v1/therapists/not-an-id");
		assertThat(id.get("field").asString()).isEqualTo("id");
		JsonNode missing = problem(client.get("/api/v1/therapists", Map.of("Accept", "application/json")), 400,
				"/api/v1/therapists");
		assertThat(missing.get("field").asString()).isEqualTo("jurisdiction");
		WebSession admin = browser();
		var account = accounts.admin(uniqueEmail("problem-param-admin"));
		admin.signIn(account.email(), account.password(), account.code());
		JsonNode page = problem(admin.get("/api/v1/admin/users?page=first", Map.of("Accept", "application/json")), 400,
				"/api/v1/admin/users");
		assertThat(page.get("field").asString()).isEqualTo("page");
	}

	@Test
	void pagesKeepTheirHtmlErrorPage() {
		WebSession client = signedInClient("problem-page");
		Response response = client.get("/no-such-page", Map.of("Accept", "text/html"));
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.header("Content-Type")).startsWith("text/html");
	}

	private WebSession signedInClient(String prefix) {
		var client = accounts.client(uniqueEmail(prefix));
		WebSession session = browser();
		session.signIn(client.email(), client.password(), null);
		return session;
	}

	private Response rawJsonPost(String sessionId, String path, String json) {
		try {
			var http = HttpClient.newHttpClient();
			var response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
				.header("Cookie", "HAVEN_SESSION=" + sessionId)
				.header("Content-Type", "application/json")
				.header("Accept", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(json))
				.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.headers().map(), response.body());
		}
		catch (IOException | InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static JsonNode problem(Response response, int status, String instance) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.header("Content-Type")).as(instance).startsWith("application/problem+json");
		JsonNode body = JSON.readTree(response.body());
		assertThat(body.get("type").asString()).isNotBlank();
		assertThat(body.get("title").asString()).isNotBlank();
		assertThat(body.get("status").asInt()).isEqualTo(status);
		assertThat(body.get("detail").asString()).isNotBlank();
		assertThat(body.get("instance").asString()).isEqualTo(instance);
		assertThat(body.has("timestamp")).isFalse();
		return body;
	}

}
