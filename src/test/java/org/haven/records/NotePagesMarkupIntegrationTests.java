package org.haven.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.haven.identity.TestAccounts.TestAccount;
import org.haven.scheduling.TestPractice;
import org.haven.scheduling.TestPractice.FreeSlot;
import org.haven.support.IntegrationTest;
import org.haven.support.MarkupCheck;
import org.haven.support.WebSession;
import org.haven.support.WebSession.Response;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The session note pages and the record's download page, with data on them and with forms
 * sent back with errors, are valid HTML by the Nu Html Checker.
 */
class NotePagesMarkupIntegrationTests extends IntegrationTest {

	@Autowired
	ApplicationContext context;

	private final List<String> errors = new ArrayList<>();

	@Test
	void everyNotePageIsValidHtml() {
		TestPractice practice = TestPractice.open(context, uniqueEmail("markup-notes-therapist"));
		TestAccount client = practice.clientInCare(uniqueEmail("markup-notes-client"), true);
		List<FreeSlot> slots = practice.freeSlotsAfter(clock.instant().plus(Duration.ofHours(1)), 2);
		UUID held = practice.book(client, slots.get(0), "VIDEO");
		UUID other = practice.book(client, slots.get(1), "AUDIO");
		clock.advance(Duration.between(clock.instant(), slots.get(1).end()).plusMinutes(1));
		UUID note = TestNotes.in(context).draftAfterVisit(held, 50 * 60);
		String page = "/records/notes/" + note;

		TestAccount therapist = practice.therapist();
		WebSession therapistBrowser = browser();
		therapistBrowser.signIn(therapist.email(), therapist.password(), therapist.code());
		check("therapist home with sessions to document", therapistBrowser.get("/home"));
		check("documentation status", therapistBrowser.get("/records/notes/status"));
		check("choosing a template", therapistBrowser.get("/records/notes/new/" + other));
		check("draft note", therapistBrowser.get(page));
		check("refused save", therapistBrowser.post(page, Map.of("version", "7", "subjective", "Slept better")));
		therapistBrowser.post(page, Map.of("version", "0", "subjective", "Slept better", "plan", "Next week"));
		check("refused addendum before signing",
				therapistBrowser.post(page + "/addenda", Map.of("addendum", "Called afterwards")));
		therapistBrowser.post(page + "/sign",
				Map.of("version", "1", "subjective", "Slept better", "plan", "Next week"));
		therapistBrowser.post(page + "/addenda", Map.of("addendum", "Called afterwards: all well"));
		check("signed note with an addendum", therapistBrowser.get(page));
		Response kept = therapistBrowser.post(page + "/psychotherapy", Map.of("psychotherapy", "My own thoughts"));
		check("psychotherapy note",
				therapistBrowser.get(kept.location().substring(kept.location().indexOf("/records/"))));
		check("download page for the therapist", therapistBrowser.get("/records/clients/" + client.id() + "/export"));

		WebSession clientBrowser = browser();
		clientBrowser.signIn(client.email(), client.password(), null);
		check("signed note for the client", clientBrowser.get(page));
		check("download page for the client", clientBrowser.get("/records/clients/" + client.id() + "/export"));

		MarkupCheck.assertNone(errors);
	}

	private void check(String page, Response response) {
		assertThat(response.status()).as(page).isIn(200, 302, 409);
		if (response.status() != 302) {
			errors.addAll(MarkupCheck.errorsIn(page, response.body()));
		}
	}

}
