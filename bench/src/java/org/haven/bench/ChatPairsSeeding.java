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
import org.haven.messaging.internal.ConversationStore;
import org.haven.messaging.internal.Member;
import org.haven.messaging.internal.Posting;
import org.haven.messaging.internal.Posting.NewChat;
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
 * {@code BENCH_SEED_OUT}. The load generator signs them in over HTTP itself. With
 * {@code BENCH_SEED_HISTORY} and {@code BENCH_SEED_HISTORY_PAIRS}, the first pairs'
 * conversations hold that many earlier messages, all read.
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

	record Pair(String conversation, Person client, Person therapist, int history) {
	}

	@Test
	void seed() throws Exception {
		int count = Integer.parseInt(required("BENCH_SEED_PAIRS"));
		int historyItems = Integer.parseInt(optional("BENCH_SEED_HISTORY", "0"));
		int historyPairs = Integer.parseInt(optional("BENCH_SEED_HISTORY_PAIRS", "0"));
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
				int history = index < historyPairs ? historyItems : 0;
				if (history > 0) {
					loadHistory(conversation, client.id(), therapist.id(), history);
				}
				return new Pair(conversation.toString(), new Person(clientEmail, PASSWORD, null),
						new Person(therapistEmail, PASSWORD, therapist.totpSecret()), history);
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

	/**
	 * A conversation's past: {@code items} chat messages, the two parties taking turns,
	 * stored through Haven's own group commit in groups of 500 (encrypted, sequenced, as
	 * any message), then read up to the last by both, as in a conversation that has gone on
	 * for years.
	 */
	private void loadHistory(UUID conversation, UUID clientId, UUID therapistId, int items) {
		Posting posting = context.getBean(Posting.class);
		ConversationStore store = context.getBean(ConversationStore.class);
		Member client = store.member(clientId, conversation).orElseThrow();
		Member therapist = store.member(therapistId, conversation).orElseThrow();
		for (int from = 0; from < items; from += 500) {
			List<NewChat> group = new ArrayList<>();
			for (int i = from; i < Math.min(items, from + 500); i++) {
				group.add(new NewChat((i / 7) % 2 == 0 ? client : therapist, "history-" + i,
						"Earlier message " + i + ": how the week went, what helped and what did not."));
			}
			posting.postChats(group);
		}
		// Receipts stop at the conversation's last sequence number.
		store.receipt(client, Long.MAX_VALUE, Long.MAX_VALUE);
		store.receipt(therapist, Long.MAX_VALUE, Long.MAX_VALUE);
	}

	private static String optional(String name, String otherwise) {
		String value = System.getenv(name);
		return value == null || value.isBlank() ? otherwise : value;
	}

	private static String required(String name) {
		String value = System.getenv(name);
		if (value == null || value.isBlank()) {
			throw new IllegalStateException(name + " is not set: run the seeding through bench/run.sh");
		}
		return value;
	}

}
