package org.haven.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.haven.care.CareRelationships;
import org.haven.care.TestCare;
import org.haven.care.TestCare.IntakeAnswers;
import org.haven.directory.TestProfiles;
import org.haven.directory.TestProfiles.Listing;
import org.haven.identity.internal.AccountSeeds.Seeded;
import org.haven.identity.internal.BenchAccounts;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

import tools.jackson.databind.json.JsonMapper;

/**
 * The people of a load run (bench/README.md): {@code BENCH_SEED_PAIRS} therapists, each
 * licensed in New York, offering video, with one client in care who signed the telehealth
 * consent, written with their credentials and their conversation's id to the JSON file
 * {@code BENCH_SEED_OUT}. The load generator signs them in over HTTP itself.
 * <p>
 * It runs Haven's own services against the database of the Haven under test, which the
 * harness names with the usual {@code SPRING_DATASOURCE_*} and {@code HAVEN_CRYPTO_KEYS}
 * variables (the second factors' secrets are stored encrypted with those keys). A harness
 * step, not a test: it asserts nothing.
 */
@Tag("benchmark")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ChatPairsSeeding {

	private static final String PASSWORD = "bench horse battery staple";

	@Autowired
	private ApplicationContext context;

	record Person(String email, String password, String totpSecret) {
	}

	record Pair(String conversation, Person client, Person therapist) {
	}

	@Test
	void seed() throws Exception {
		int count = Integer.parseInt(required("BENCH_SEED_PAIRS"));
		Path out = Path.of(required("BENCH_SEED_OUT"));
		String run = Long.toString(System.currentTimeMillis(), 36);
		BenchAccounts accounts = BenchAccounts.in(context, PASSWORD);
		TestProfiles profiles = TestProfiles.in(context);
		TestCare care = TestCare.in(context);
		CareRelationships relationships = context.getBean(CareRelationships.class);
		care.publishConsentUnlessPublished(TestCare.CONSENT_BODY);
		List<Callable<Pair>> making = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			int index = i;
			making.add(() -> {
				String therapistEmail = "bench-" + run + "-t" + index + "@example.org";
				String clientEmail = "bench-" + run + "-c" + index + "@example.org";
				Seeded therapist = accounts.therapist(therapistEmail);
				profiles.publish(therapist.id(), new Listing("Dr. Bench " + index, "US-NY", "LCSW",
						"NY-B" + run + index, "America/New_York", List.of("VIDEO"), List.of()));
				Seeded client = accounts.client(clientEmail);
				care.startCare(client.id(), therapist.id(),
						IntakeAnswers.video("Chat between sessions.", "US-NY", "Albany", "Kim 555 0101"));
				care.signConsent(client.id(), "Bench Client " + index);
				UUID conversation = relationships.active(client.id(), therapist.id()).orElseThrow();
				return new Pair(conversation.toString(), new Person(clientEmail, PASSWORD, null),
						new Person(therapistEmail, PASSWORD, therapist.totpSecret()));
			});
		}
		long began = System.nanoTime();
		ExecutorService workers = Executors.newFixedThreadPool(4);
		List<Pair> pairs = new ArrayList<>();
		try {
			for (Future<Pair> pair : workers.invokeAll(making)) {
				pairs.add(pair.get());
			}
		}
		finally {
			workers.shutdownNow();
		}
		Files.writeString(out, JsonMapper.builder().build().writeValueAsString(pairs));
		System.out.printf("[seed] %d pairs in care in %.1f s, written to %s%n", count,
				(System.nanoTime() - began) / 1e9, out);
	}

	private static String required(String name) {
		String value = System.getenv(name);
		if (value == null || value.isBlank()) {
			throw new IllegalStateException(name + " is not set: run the seeding through bench/run.sh");
		}
		return value;
	}

}
