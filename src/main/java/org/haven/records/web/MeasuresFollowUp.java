package org.haven.records.web;

import java.util.Optional;
import java.util.UUID;

import org.haven.identity.CurrentAccount;
import org.haven.records.internal.ChartAccess;
import org.haven.records.internal.Results;
import org.haven.visits.SessionFollowUps;
import org.springframework.stereotype.Component;

/**
 * After a session, a link to the client's questionnaire results: for their therapist once
 * the client completed one, for the client once their therapist shares the chart. Anyone
 * else gets nothing, as the measures page would refuse them.
 */
@Component
class MeasuresFollowUp implements SessionFollowUps {

	private final ChartAccess access;

	private final Results results;

	MeasuresFollowUp(ChartAccess access, Results results) {
		this.access = access;
		this.results = results;
	}

	@Override
	public Optional<FollowUp> after(CurrentAccount reader, UUID clientId) {
		return access.reader(reader, clientId)
			.filter(r -> r.isTherapist() || (r.isClient() && results.shared(clientId)))
			.filter(r -> results.any(clientId))
			.map(r -> new FollowUp(r.isClient() ? "Your progress with questionnaires" : "Questionnaire results",
					"/records/measures/clients/" + clientId));
	}

}
