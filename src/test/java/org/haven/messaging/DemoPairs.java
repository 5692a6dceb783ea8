package org.haven.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.haven.support.WebSession;

import dev.samstevens.totp.code.DefaultCodeGenerator;

/**
 * The crash tests' people: the four demo accounts of a running Haven, signed in; each
 * client asks each therapist for care and is accepted, so four conversations.
 */
final class DemoPairs {

	static final List<String> CLIENTS = List.of("client@demo.haven.test", "client2@demo.haven.test");

	static final String CLIENT_PASSWORD = "demo-client-passphrase";

	static final String THERAPIST_PASSWORD = "demo-therapist-passphrase";

	static final Map<String, String> TOTP = Map.of("therapist@demo.haven.test", "DEMOTHERAPISTHAVENTOTPSECRETAAAA",
			"therapist2@demo.haven.test", "DEMOTHERAPISTTWOHAVENTOTPSECRETA");

	private static final Pattern CONVERSATION = Pattern.compile("/messages/([0-9a-f-]{36})");

	private static final Pattern THERAPIST = Pattern.compile("/therapists/([0-9a-f-]{36})\"[^>]*>([^<]+)<");

	private final Map<String, WebSession> people = new LinkedHashMap<>();

	/** conversation -> client's and therapist's email */
	private final Map<String, String[]> pairs = new LinkedHashMap<>();

	/**
	 * Signs each person in on the node at {@code portOf} them (all on one node, or
	 * clients on one and therapists on another) and makes the pairs.
	 */
	DemoPairs(ToIntFunction<String> portOf) {
		for (String client : CLIENTS) {
			people.put(client, signIn(portOf, client, CLIENT_PASSWORD, null));
		}
		for (String therapist : TOTP.keySet()) {
			people.put(therapist, signIn(portOf, therapist, THERAPIST_PASSWORD, totp(TOTP.get(therapist))));
		}
		// Dr. Reyes is licensed in California, Sam Okafor in Great Britain (the demo
		// profiles).
		Map<String, String> therapistIds = new HashMap<>();
		for (String jurisdiction : List.of("US-CA", "GB")) {
			Matcher listed = THERAPIST
				.matcher(people.get(CLIENTS.get(0)).get("/therapists?jurisdiction=" + jurisdiction).body());
			while (listed.find()) {
				therapistIds.put(
						listed.group(2).contains("Reyes") ? "therapist@demo.haven.test" : "therapist2@demo.haven.test",
						listed.group(1));
			}
		}
		assertThat(therapistIds).hasSize(2);
		for (String client : CLIENTS) {
			for (String therapist : TOTP.keySet()) {
				pair(client, therapist, therapistIds.get(therapist));
			}
		}
		assertThat(pairs).hasSize(4);
	}

	Map<String, WebSession> people() {
		return Collections.unmodifiableMap(people);
	}

	Map<String, String[]> pairs() {
		return Collections.unmodifiableMap(pairs);
	}

	static boolean isClient(String person) {
		return CLIENTS.contains(person);
	}

	private void pair(String client, String therapist, String therapistId) {
		boolean reyes = therapist.equals("therapist@demo.haven.test");
		WebSession.Response asked = people.get(client)
			.submit("/care/request/" + therapistId, "/care/request/" + therapistId,
					Map.of("reason", "Talking things through", "modalities", "VIDEO", "jurisdiction",
							reyes ? "US-CA" : "GB", "location", reyes ? "Fresno" : "Leeds", "emergencyContact",
							"Alex 555 0100"));
		assertThat(asked.status()).as("care request: " + asked.body()).isEqualTo(302);
		String request = asked.location().replaceAll(".*/care/requests/([0-9a-f-]{36}).*", "$1");
		WebSession.Response accepted = people.get(therapist)
			.submit("/care/requests/" + request, "/care/requests/" + request + "/accept", Map.of("message", "Welcome"));
		assertThat(accepted.status()).isEqualTo(302);
		Matcher conversation = CONVERSATION.matcher(people.get(client).get("/messages").body());
		List<String> ids = new ArrayList<>();
		while (conversation.find()) {
			ids.add(conversation.group(1));
		}
		String added = ids.stream().filter(id -> !pairs.containsKey(id)).findFirst().orElseThrow();
		pairs.put(added, new String[] { client, therapist });
	}

	private static WebSession signIn(ToIntFunction<String> portOf, String email, String password, String code) {
		WebSession session = new WebSession("http://localhost:" + portOf.applyAsInt(email));
		session.signIn(email, password, code);
		return session;
	}

	private static String totp(String secret) {
		try {
			return new DefaultCodeGenerator().generate(secret, Math.floorDiv(System.currentTimeMillis() / 1000, 30));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
