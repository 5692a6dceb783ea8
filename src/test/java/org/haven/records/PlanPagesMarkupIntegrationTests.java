package org.haven.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.haven.support.IntegrationTest;
import org.haven.support.MarkupCheck;
import org.haven.support.WebSession;
import org.haven.support.WebSession.Response;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The plans' pages, empty, filled, with their history and sent back with errors, are
 * valid HTML by the Nu Html Checker, for the client and for the therapist.
 */
class PlanPagesMarkupIntegrationTests extends IntegrationTest {

	@Autowired
	ApplicationContext context;

	private final List<String> errors = new ArrayList<>();

	@Test
	void everyPlanPageIsValidHtml() {
		PlanParties parties = PlanParties.create(context, browser(), browser(), uniqueEmail("markup-plan-therapist"),
				uniqueEmail("markup-plan-client"));
		WebSession therapist = parties.therapistBrowser();
		WebSession client = parties.clientBrowser();
		check("empty plan, client", client.get(parties.plan()));
		check("empty plan, therapist", therapist.get(parties.plan()));
		check("new plan form", therapist.get(parties.plan() + "/edit"));
		check("refused plan", therapist.post(parties.plan(), Map.of("version", "0", "reviewDate", "soon", "p0-text",
				"Panic", "p0-g0-text", "Breathe", "p0-g0-o0-text", "Ten breaths")));
		Response saved = therapist.post(parties.plan(),
				Map.of("version", "0", "targetDate", "2099-01-01", "reviewDate",
						clock.instant().plus(Duration.ofDays(1)).toString().substring(0, 10), "p0-text", "Panic",
						"p0-g0-text", "Breathe", "p0-g0-o0-text", "Ten breaths", "p0-g0-o0-measure", "Counted",
						"p0-g0-o0-target", "2098-01-01", "p0-i0-text", "Exposure"));
		assertThat(saved.status()).as(saved.body()).isEqualTo(302);
		check("plan form with a plan", therapist.get(parties.plan() + "/edit"));
		check("plan, client", client.get(parties.plan()));
		check("refused acknowledgement", client.post(parties.plan() + "/acknowledge", Map.of("version", "9")));
		check("client home", client.get("/home"));

		check("empty safety plan", client.get(parties.safetyPlan()));
		check("safety plan form", client.get(parties.safetyPlan() + "/edit"));
		client.post(parties.safetyPlan(), Map.of("version", "0", "warningSigns", "Pacing\nNot eating"));
		check("stale safety plan", therapist.submit(parties.safetyPlan() + "/edit", parties.safetyPlan(),
				Map.of("version", "0", "warningSigns", "Pacing")));
		check("safety plan, therapist", therapist.get(parties.safetyPlan()));

		clock.advance(Duration.ofDays(3));
		WebSession later = PlanParties.signIn(browser(), parties.therapist());
		check("therapist home with a review due", later.get("/home"));
		check("plan with a review due", later.get(parties.plan()));
		check("refused review", later.post(parties.plan() + "/review", Map.of("nextReviewDate", "")));

		MarkupCheck.assertNone(errors);
	}

	private void check(String page, Response response) {
		assertThat(response.status()).as(page).isEqualTo(200);
		assertThat(response.header("Content-Type")).as(page).startsWith("text/html");
		errors.addAll(MarkupCheck.errorsIn(page, response.body()));
	}

}
