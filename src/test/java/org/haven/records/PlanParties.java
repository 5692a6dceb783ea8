package org.haven.records;

import java.util.UUID;

import org.haven.identity.TestAccounts.TestAccount;
import org.haven.scheduling.TestPractice;
import org.haven.support.WebSession;
import org.springframework.context.ApplicationContext;

/**
 * A client in care with their therapist, both signed in, for the plans' tests: the
 * client's id is all their plans' URLs hold.
 */
record PlanParties(TestPractice practice, TestAccount therapist, TestAccount client, WebSession therapistBrowser,
		WebSession clientBrowser) {

	static PlanParties create(ApplicationContext context, WebSession therapistBrowser, WebSession clientBrowser,
			String therapistEmail, String clientEmail) {
		TestPractice practice = TestPractice.open(context, therapistEmail);
		TestAccount client = practice.clientInCare(clientEmail, false);
		signIn(therapistBrowser, practice.therapist());
		signIn(clientBrowser, client);
		return new PlanParties(practice, practice.therapist(), client, therapistBrowser, clientBrowser);
	}

	static WebSession signIn(WebSession browser, TestAccount account) {
		browser.signIn(account.email(), account.password(), account.totpSecret() == null ? null : account.code());
		return browser;
	}

	UUID clientId() {
		return client.id();
	}

	String plan() {
		return "/records/plan/" + client.id();
	}

	String safetyPlan() {
		return "/records/safety-plan/" + client.id();
	}

}
