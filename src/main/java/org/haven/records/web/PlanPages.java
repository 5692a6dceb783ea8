package org.haven.records.web;

import java.util.UUID;

import org.haven.shared.web.OnRefusal;
import org.haven.shared.web.Refusal;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;

/** What the plans' pages and API share. */
final class PlanPages {

	private PlanPages() {
	}

	static Refusal notFound() {
		return Refusal.of("clientId", "There is no such plan.").status(HttpStatus.NOT_FOUND);
	}

	/** A version a form posted; null (refused by the plan) when it is not a number. */
	static @Nullable Integer version(@Nullable String typed) {
		try {
			return typed == null ? null : Integer.valueOf(typed.strip());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/** Whether the page is shown again because someone else saved meanwhile. */
	static boolean stale(Model model) {
		return model.getAttribute(OnRefusal.REFUSAL) instanceof Refusal refusal && "stale".equals(refusal.code());
	}

	/**
	 * The client's own pages link to their plans by their id, which is all the URL holds.
	 */
	static String safetyPlan(UUID clientId) {
		return "/records/safety-plan/" + clientId;
	}

	static String treatmentPlan(UUID clientId) {
		return "/records/plan/" + clientId;
	}

}
