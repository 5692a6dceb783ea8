package org.haven.records.internal;

import java.util.ArrayList;
import java.util.List;

import org.haven.identity.AccountSummary;
import org.haven.identity.Accounts;
import org.haven.records.internal.IntakeQuestionnaire.Progress;
import org.springframework.stereotype.Component;

/**
 * The intake questionnaire on the chart: when the client sent it, and when their
 * therapist reviewed it (the first entry of a new client's chart). A draft is the
 * client's own until sent and shows nowhere.
 */
@Component
class IntakeTimeline implements TimelineSource {

	private final IntakeQuestionnaire intake;

	private final Accounts accounts;

	IntakeTimeline(IntakeQuestionnaire intake, Accounts accounts) {
		this.intake = intake;
		this.accounts = accounts;
	}

	@Override
	public List<TimelineEntry> entries(ChartAccess.Reader reader) {
		List<TimelineEntry> entries = new ArrayList<>();
		String href = "/records/clients/" + reader.clientId() + "/intake";
		intake.progress(reader.clientId()).ifPresent(progress -> {
			if (progress.submittedAt() != null) {
				entries.add(new TimelineEntry(progress.submittedAt(), "intake", "Intake questionnaire sent", href));
			}
			if (progress.reviewedAt() != null) {
				entries.add(new TimelineEntry(progress.reviewedAt(), "intake", reviewed(progress), href));
			}
		});
		return entries;
	}

	private String reviewed(Progress progress) {
		return "Intake questionnaire reviewed by "
				+ accounts.find(progress.reviewedBy()).map(AccountSummary::displayName).orElse("the therapist");
	}

}
