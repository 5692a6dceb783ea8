package org.haven.records.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.haven.identity.AccountSummary;
import org.haven.identity.Accounts;
import org.haven.records.internal.PlanEvent;
import org.haven.records.internal.TreatmentPlan;
import org.springframework.stereotype.Component;

/**
 * What the plans' pages say about people and times: names rather than ids, dates in
 * words, and a plan's history as lines a person reads.
 */
@Component
class PlanViews {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'",
			Locale.ENGLISH);

	private final Accounts accounts;

	PlanViews(Accounts accounts) {
		this.accounts = accounts;
	}

	String name(UUID accountId) {
		return accounts.find(accountId).map(AccountSummary::displayName).orElse("(unknown)");
	}

	static String when(Instant at) {
		return WHEN.format(at.atZone(ZoneOffset.UTC));
	}

	/**
	 * Status changes, newest first, each with its item's words as the plan has them now.
	 */
	List<StatusRow> statusChanges(Optional<TreatmentPlan> plan, List<PlanEvent> events) {
		Map<UUID, String> texts = new HashMap<>();
		plan.ifPresent(p -> p.problems().forEach(problem -> {
			texts.put(problem.id(), problem.text());
			problem.goals().forEach(goal -> {
				texts.put(goal.id(), goal.text());
				goal.objectives().forEach(o -> texts.put(o.id(), o.text()));
			});
		}));
		return events.stream()
			.filter(e -> e.what().equals("STATUS"))
			.sorted(Comparator.comparing(PlanEvent::at).reversed())
			.map(e -> new StatusRow(when(e.at()), name(e.actorId()), e.itemKind(), texts.getOrDefault(e.itemId(), ""),
					e.from().label(), e.to().label()))
			.toList();
	}

	/** Saves, reviews and acknowledgements, newest first. */
	List<HistoryRow> history(List<PlanEvent> events) {
		return events.stream()
			.filter(e -> !e.what().equals("STATUS"))
			.sorted(Comparator.comparing(PlanEvent::at).reversed())
			.map(e -> new HistoryRow(when(e.at()), name(e.actorId()), e.words()))
			.toList();
	}

	/** One status change: who, when, which item, from and to. */
	record StatusRow(String when, String by, String kind, String item, String from, String to) {
	}

	/** One save, review or acknowledgement. */
	record HistoryRow(String when, String by, String what) {
	}

}
