package org.haven.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.haven.identity.CurrentAccount;
import org.haven.identity.Role;
import org.haven.identity.TestAccounts.TestAccount;
import org.haven.records.internal.ChartAccess;
import org.haven.records.internal.Responses;
import org.haven.records.internal.Results;
import org.haven.scheduling.TestPractice;
import org.haven.support.IntegrationTest;
import org.haven.visits.SessionFollowUps;
import org.haven.visits.SessionFollowUps.FollowUp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * After a session, the "What's next" panel links to the client's questionnaire results
 * only for whoever the measures page would show them to: the therapist once there is a
 * result, the client once their therapist shares the chart, and no one else.
 */
class MeasuresFollowUpIntegrationTests extends IntegrationTest {

	@Autowired
	ApplicationContext context;

	@Autowired
	List<SessionFollowUps> followUps;

	@Autowired
	ChartAccess access;

	@Autowired
	Responses responses;

	@Autowired
	Results results;

	TestPractice practice;

	TestAccount client;

	CurrentAccount therapistAccount;

	CurrentAccount clientAccount;

	@BeforeEach
	void clientInCare() {
		practice = TestPractice.open(context, uniqueEmail("follow-up-therapist"));
		client = practice.clientInCare(uniqueEmail("follow-up-client"), true);
		therapistAccount = new CurrentAccount(practice.therapist().id(), practice.therapist().email(), Role.THERAPIST);
		clientAccount = new CurrentAccount(client.id(), client.email(), Role.CLIENT);
	}

	@Test
	void theTherapistGetsTheLinkOnceThereIsAResultAndTheClientOnceItIsShared() {
		assertThat(after(therapistAccount)).as("no result yet").isEmpty();

		ChartAccess.Reader writer = access.writer(therapistAccount, client.id()).orElseThrow();
		responses.administer(writer, "PHQ9", UUID.randomUUID().toString(),
				List.of("1", "0", "0", "1", "0", "0", "1", "0", "0"), "");
		assertThat(after(therapistAccount)).extracting(FollowUp::href)
			.containsExactly("/records/measures/clients/" + client.id());
		assertThat(after(clientAccount)).as("not shared with the client").isEmpty();

		results.share(writer, true);
		assertThat(after(clientAccount)).extracting(FollowUp::label)
			.containsExactly("Your progress with questionnaires");

		TestAccount stranger = TestPractice.open(context, uniqueEmail("follow-up-stranger")).therapist();
		assertThat(after(new CurrentAccount(stranger.id(), stranger.email(), Role.THERAPIST))).isEmpty();
	}

	private List<FollowUp> after(CurrentAccount reader) {
		return followUps.stream().flatMap(f -> f.after(reader, client.id()).stream()).toList();
	}

}
