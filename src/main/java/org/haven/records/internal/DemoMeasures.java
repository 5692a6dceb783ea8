package org.haven.records.internal;

import java.util.Optional;
import java.util.UUID;

import org.haven.care.CareRelationships;
import org.haven.care.CareStarted;
import org.haven.identity.AccountSummary;
import org.haven.identity.Accounts;
import org.haven.records.internal.ChartAccess.Kind;
import org.haven.records.internal.ChartAccess.Reader;
import org.haven.shared.demo.DemoMode;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Demo mode only: the demo therapist asks the demo client for the PHQ-9 before every
 * session as soon as they are in care (at start-up, or when care starts), so a new user
 * sees a questionnaire due on the client's home page.
 */
@Component
class DemoMeasures implements ApplicationRunner {

	static final String THERAPIST = "therapist@demo.haven.test";

	static final String CLIENT = "client@demo.haven.test";

	private final DemoMode demoMode;

	private final Accounts accounts;

	private final CareRelationships care;

	private final Assignments assignments;

	DemoMeasures(DemoMode demoMode, Accounts accounts, CareRelationships care, Assignments assignments) {
		this.demoMode = demoMode;
		this.accounts = accounts;
		this.care = care;
		this.assignments = assignments;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (demoMode.enabled()) {
			demoPair().ifPresent(pair -> assignIfInCare(pair.clientId(), pair.therapistId()));
		}
	}

	@ApplicationModuleListener
	void careStarted(CareStarted started) {
		if (demoMode.enabled() && demoPair().filter(
				pair -> pair.clientId().equals(started.clientId()) && pair.therapistId().equals(started.therapistId()))
			.isPresent()) {
			assignIfInCare(started.clientId(), started.therapistId());
		}
	}

	private void assignIfInCare(UUID clientId, UUID therapistId) {
		if (care.active(clientId, therapistId).isPresent() && assignments.active(clientId).isEmpty()) {
			assignments.assign(new Reader(therapistId, clientId, Kind.THERAPIST, null), Instrument.PHQ9.name(),
					Schedule.EVERY_SESSION.name(), null);
		}
	}

	private Optional<Pair> demoPair() {
		return accounts.findByEmail(CLIENT)
			.flatMap(client -> accounts.findByEmail(THERAPIST)
				.map(AccountSummary::id)
				.map(therapist -> new Pair(client.id(), therapist)));
	}

	private record Pair(UUID clientId, UUID therapistId) {
	}

}
