package org.haven.records.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.haven.identity.CurrentAccount;
import org.haven.records.internal.Chart;
import org.haven.records.internal.ChartAccess;
import org.haven.records.web.RecordPages.When;
import org.haven.shared.web.Refusals;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;

import io.swagger.v3.oas.annotations.Operation;

/**
 * A client's chart: one timeline of everything in their record, newest first, and the
 * parts of the record that have something to show. For the client themself, their
 * therapists and an admin through break-glass; "not found" for anyone else.
 */
@Controller
class ChartController {

	private final RecordPages pages;

	private final Chart chart;

	ChartController(RecordPages pages, Chart chart) {
		this.pages = pages;
		this.chart = chart;
	}

	@GetMapping("/records/clients/{id}")
	String chart(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID id, Model model) {
		ChartAccess.Reader reader = pages.reader(me, id);
		Chart.View view = chart.read(reader);
		model.addAttribute("clientId", id);
		model.addAttribute("clientName", view.clientName());
		model.addAttribute("own", reader.isClient());
		model.addAttribute("breakGlass", reader.kind() == ChartAccess.Kind.BREAK_GLASS);
		model.addAttribute("sections", view.sections());
		model.addAttribute("entries",
				view.entries()
					.stream()
					.map(e -> new Line(RecordPages.when(e.at()), e.kind(), e.title(), e.href()))
					.toList());
		return "records/chart";
	}

	@Operation(operationId = "getChart", summary = "A client's chart timeline", tags = "Records",
			description = "Everything in the client's record, newest first: sessions, the intake questionnaire and the other parts"
					+ " of the record. For the client themself, a therapist who is or was in care with them, and an admin with"
					+ " an unexpired break-glass grant; the read is audited. 404 for anyone else.")
	@Refusals({ 400, 404 })
	@GetMapping("/api/v1/records/clients/{id}/timeline")
	@ResponseBody
	ChartTimeline timeline(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID id) {
		Chart.View view = chart.read(pages.reader(me, id));
		return new ChartTimeline(id, view.clientName(),
				view.entries().stream().map(e -> new ChartEntry(e.at(), e.kind(), e.title(), e.href())).toList());
	}

	/** A line of the timeline as the page shows it. */
	record Line(When when, String kind, String title, String href) {
	}

	record ChartTimeline(UUID clientId, String clientName, List<ChartEntry> entries) {
	}

	/**
	 * @param kind session, intake, note, measure, plan, safety, letter or access
	 * @param href the page that shows it in full, when there is one
	 */
	record ChartEntry(Instant at, String kind, String title, @Nullable String href) {
	}

}
