package org.haven.records.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.haven.shared.web.Refusal;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/** The rules both plans share: who learns nothing, and saves that must not overwrite. */
final class PlanRules {

	private PlanRules() {
	}

	/** For anyone without a right to the plan, whether or not it exists. */
	static Refusal notFound() {
		return Refusal.of("clientId", "There is no such plan.").status(HttpStatus.NOT_FOUND);
	}

	/**
	 * Refuses a save that did not start from the plan as it is now: someone else saved it
	 * meanwhile, and saving would silently overwrite what they wrote.
	 */
	static void expectVersion(@Nullable Integer started, int current, String plan) {
		Refusal.when(started == null || started < 0, "version",
				"The form is missing the version of the " + plan + " it was opened on: open it again.");
		if (started != current) {
			throw Refusal.of("version",
					"Someone else saved the " + plan + " while you were editing it. What you typed is kept below:"
							+ " read the saved " + plan + " first, then save again to replace it with what you typed.")
				.status(HttpStatus.CONFLICT)
				.code("stale");
		}
	}

	/** Today, as dates of plans are kept (UTC). */
	static LocalDate today(Clock clock) {
		return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
	}

}
