package org.haven.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.haven.identity.TestAccounts;
import org.haven.identity.TestAccounts.TestAccount;
import org.haven.scheduling.TestPractice;
import org.haven.support.IntegrationTest;
import org.haven.support.MarkupCheck;
import org.haven.support.WebSession;
import org.haven.support.WebSession.Response;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The record's pages, with data on them and with forms sent back with errors, are valid
 * HTML by the Nu Html Checker: the questionnaire empty, refused and sent, the chart for
 * each kind of reader, and the break-glass page.
 */
class RecordPagesMarkupIntegrationTests extends IntegrationTest {

	@Autowired
	ApplicationContext context;

	private final List<String> errors = new ArrayList<>();

	@Test
	void everyRecordPageIsValidHtml() {
		TestPractice practice = TestPractice.open(context, uniqueEmail("markup-records-therapist"));
		TestAccount client = practice.clientInCare(uniqueEmail("markup-records-client"), true);
		practice.book(client, practice.freeSlotAfter(clock.instant()), "VIDEO");
		String intake = "/records/clients/" + client.id() + "/intake";
		String chart = "/records/clients/" + client.id();

		WebSession clientBrowser = browser();
		clientBrowser.signIn(client.email(), client.password(), null);
		check("client home", clientBrowser.get("/home"));
		check("empty questionnaire", clientBrowser.get(intake));
		check("refused questionnaire", clientBrowser.post(intake,
				Map.of("version", "0", "harmSelf", "yes", "dateOfBirth", "tomorrow", "send", "send")));
		check("sent questionnaire",
				clientBrowser.post(intake,
						Map.of("version", "0", "preferredName", "Robin", "dateOfBirth", "1990-04-21", "concerns",
								"Sleeping badly\nsince the move", "harmSelf", "no", "harmOthers", "no", "emergencyName",
								"Kim", "emergencyPhone", "555 0101", "send", "send")));
		check("questionnaire as sent", clientBrowser.get(intake));
		check("client's chart", clientBrowser.get(chart));

		TestAccount therapist = practice.therapist();
		WebSession therapistBrowser = browser();
		therapistBrowser.signIn(therapist.email(), therapist.password(), therapist.code());
		check("care page", therapistBrowser.get("/care"));
		check("questionnaire to review", therapistBrowser.get(intake));
		therapistBrowser.post(intake + "/review", Map.of());
		check("therapist's chart", therapistBrowser.get(chart + "?reviewed"));

		TestAccount admin = TestAccounts.in(context).admin(uniqueEmail("markup-records-admin"));
		WebSession adminBrowser = browser();
		adminBrowser.signIn(admin.email(), admin.password(), admin.code());
		check("break-glass page", adminBrowser.get("/admin/break-glass"));
		check("refused break-glass", adminBrowser.post("/admin/break-glass", Map.of("email", "", "reason", "x")));
		adminBrowser.post("/admin/break-glass",
				Map.of("email", client.email(), "reason", "Family reported the client missing", "confirm", "true"));
		check("chart through break-glass", adminBrowser.get(chart));
		check("break-glass page with a grant", adminBrowser.get("/admin/break-glass"));

		MarkupCheck.assertNone(errors);
	}

	private void check(String page, Response response) {
		assertThat(response.status()).as(page).isIn(200, 302);
		if (response.status() == 200) {
			errors.addAll(MarkupCheck.errorsIn(page, response.body()));
		}
	}

}
