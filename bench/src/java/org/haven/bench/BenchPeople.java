package org.haven.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.haven.care.internal.Care;
import org.haven.directory.internal.Profiles;
import org.haven.identity.internal.BenchAccounts;
import org.haven.identity.internal.TestAccounts.TestAccount;
import org.springframework.context.ApplicationContext;

/**
 * The people of a run: {@code n} therapists, each with one client in care, and each person signed in
 * through Haven's own sign-in form (with the second step for therapists), so that every socket opens with
 * a real session cookie. Therapists are licensed in New York and offer video, as a client's request needs.
 */
final class BenchPeople {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	record Person(TestAccount account, String cookie) {
	}

	/** A client and their therapist; their conversation's id is their care relationship's (docs/messaging.md). */
	record Pair(int index, Person client, Person therapist, UUID relationship, String conversation) {
	}

	private BenchPeople() {
	}

	/** Makes {@code n} pairs in care, then signs every person in, a few at a time. */
	static Pair[] pairs(ApplicationContext context, int port, int n) throws Exception {
		BenchAccounts accounts = BenchAccounts.in(context);
		Profiles profiles = context.getBean(Profiles.class);
		Care care = context.getBean(Care.class);
		HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
		String base = "http://localhost:" + port;
		long run = System.currentTimeMillis() % 1_000_000;
		ExecutorService workers = Executors.newFixedThreadPool(4);
		try {
			List<Callable<TestAccount[]>> making = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				int index = i;
				making.add(() -> {
					TestAccount therapist = accounts.therapist("bench-therapist-" + run + "-" + index + "@example.org");
					profiles.addLicence(therapist.id(), "US-NY", "LCSW", "NY-B" + index, LocalDate.now().plusYears(1).toString());
					profiles.save(therapist.id(), new Profiles.ProfileForm("Dr. Bench " + index, null, null, null, null, true,
							"America/New_York", true, List.of("VIDEO"), List.of(), List.of(), List.of()));
					TestAccount client = accounts.client("bench-client-" + run + "-" + index + "@example.org");
					UUID request = care.request(client.id(), therapist.id(),
							new Care.RequestForm("Chat between sessions.", List.of("VIDEO"), "US-NY", "Albany", "Kim 555 0101"));
					care.accept(therapist.id(), request, null);
					return new TestAccount[] { client, therapist };
				});
			}
			long began = System.nanoTime();
			List<TestAccount[]> made = all(workers.invokeAll(making));
			System.out.printf("[bench] %d pairs in care in %.1f s%n", n, (System.nanoTime() - began) / 1e9);
			List<Callable<String>> signingIn = new ArrayList<>();
			for (TestAccount[] pair : made) {
				signingIn.add(() -> signIn(http, base, pair[0]));
				signingIn.add(() -> signIn(http, base, pair[1]));
			}
			began = System.nanoTime();
			List<String> cookies = all(workers.invokeAll(signingIn));
			System.out.printf("[bench] %d people signed in in %.1f s%n", 2 * n, (System.nanoTime() - began) / 1e9);
			Pair[] pairs = new Pair[n];
			for (int i = 0; i < n; i++) {
				TestAccount client = made.get(i)[0];
				TestAccount therapist = made.get(i)[1];
				UUID relationship = care.active(client.id(), therapist.id()).orElseThrow();
				pairs[i] = new Pair(i, new Person(client, cookies.get(2 * i)), new Person(therapist, cookies.get(2 * i + 1)), relationship,
						relationship.toString());
			}
			return pairs;
		}
		finally {
			workers.shutdownNow();
		}
	}

	private static <T> List<T> all(List<Future<T>> futures) throws Exception {
		List<T> values = new ArrayList<>();
		for (Future<T> future : futures) {
			values.add(future.get());
		}
		return values;
	}

	/** Signs in as a browser would: the form with its CSRF token, then the code for a therapist. Returns the Cookie header. */
	static String signIn(HttpClient http, String base, TestAccount account) throws IOException, InterruptedException {
		Map<String, String> jar = new LinkedHashMap<>();
		String csrf = csrf(get(http, base + "/login", jar));
		HttpResponse<String> afterPassword = post(http, base + "/login",
				Map.of("email", account.email(), "password", account.password(), "_csrf", csrf), jar);
		String next = afterPassword.headers().firstValue("Location").orElse("");
		if (next.endsWith("/login/2fa")) {
			csrf = csrf(get(http, base + "/login/2fa", jar));
			afterPassword = post(http, base + "/login/2fa", Map.of("code", account.code(), "_csrf", csrf), jar);
			next = afterPassword.headers().firstValue("Location").orElse("");
		}
		if (afterPassword.statusCode() != 302 || !next.endsWith("/home")) {
			throw new IllegalStateException("Signing in " + account.email() + " ended at " + afterPassword.statusCode() + " " + next);
		}
		return jar.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; "));
	}

	private static String csrf(HttpResponse<String> page) {
		Matcher matcher = CSRF.matcher(page.body());
		if (!matcher.find()) {
			throw new IllegalStateException("No CSRF token on " + page.uri());
		}
		return matcher.group(1);
	}

	private static HttpResponse<String> get(HttpClient http, String url, Map<String, String> jar) throws IOException, InterruptedException {
		return send(http, HttpRequest.newBuilder(URI.create(url)).GET(), jar);
	}

	private static HttpResponse<String> post(HttpClient http, String url, Map<String, String> form, Map<String, String> jar)
			throws IOException, InterruptedException {
		String body = form.entrySet()
			.stream()
			.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return send(http, HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body)), jar);
	}

	private static HttpResponse<String> send(HttpClient http, HttpRequest.Builder request, Map<String, String> jar)
			throws IOException, InterruptedException {
		synchronized (jar) {
			if (!jar.isEmpty()) {
				request.header("Cookie", jar.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; ")));
			}
		}
		HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
		for (String cookie : response.headers().allValues("Set-Cookie")) {
			String pair = cookie.split(";", 2)[0];
			int eq = pair.indexOf('=');
			if (eq > 0) {
				String name = pair.substring(0, eq).trim();
				String value = pair.substring(eq + 1).trim();
				if (value.isEmpty() || cookie.toLowerCase().contains("max-age=0")) {
					jar.remove(name);
				}
				else {
					jar.put(name, value);
				}
			}
		}
		return response;
	}
}
