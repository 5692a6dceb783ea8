package org.haven.records.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.haven.identity.CurrentAccount;
import org.haven.identity.Role;
import org.haven.records.internal.Assignments;
import org.haven.records.internal.CrisisLines;
import org.haven.records.internal.Responses;
import org.haven.records.internal.Responses.Submitted;
import org.haven.records.internal.Results;
import org.haven.shared.web.Refusals;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/**
 * The outcome measures as JSON: what the pages do. Who may read or write a client's
 * measures is {@code ChartAccess}'s to say; anyone else gets 404.
 */
@RestController
class MeasuresApiController {

	private final Assignments assignments;

	private final Responses responses;

	private final CrisisLines crisisLines;

	private final Results results;

	private final MeasurePages pages;

	MeasuresApiController(Assignments assignments, Responses responses, CrisisLines crisisLines, Results results,
			MeasurePages pages) {
		this.assignments = assignments;
		this.results = results;
		this.responses = responses;
		this.crisisLines = crisisLines;
		this.pages = pages;
	}

	@Operation(operationId = "assignMeasure", summary = "Assign a questionnaire to a client", tags = "Records",
			description = "For the client's therapist in active care: instrument PHQ9 or GAD7; schedule ONCE, EVERY_SESSION,"
					+ " EVERY_OTHER_SESSION or EVERY_N_WEEKS (with weeks, 1 to 12). 404 for anyone else.")
	@ApiResponse(responseCode = "201", description = "Assigned.",
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = Assigned.class)))
	@Refusals({ 400, 404, 415 })
	@PostMapping("/api/v1/records/measures/clients/{id}/assignments")
	ResponseEntity<Assigned> assign(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID id,
			@RequestBody AssignRequest request) {
		UUID assignment = assignments.assign(pages.writer(me, id), request.instrument(), request.schedule(),
				request.weeks() == null ? null : String.valueOf(request.weeks()));
		return ResponseEntity.status(HttpStatus.CREATED).body(new Assigned(assignment));
	}

	@Operation(operationId = "listDueMeasures", summary = "The signed-in client's questionnaires due now",
			tags = "Records", description = "Empty for anyone but a client.")
	@GetMapping("/api/v1/records/measures/due")
	List<DueMeasure> due(@AuthenticationPrincipal CurrentAccount me) {
		if (me.role() != Role.CLIENT) {
			return List.of();
		}
		return assignments.due(me.id())
			.stream()
			.map(d -> new DueMeasure(d.assignment().id(), d.assignment().instrument().name(),
					d.assignment().instrument().label(), d.before()))
			.toList();
	}

	@Operation(operationId = "submitMeasure", summary = "Send the client's answers to a questionnaire",
			tags = "Records",
			description = "For the client it is assigned to: submissionKey is a UUID made when the form was shown (a retried"
					+ " request with the same key stores nothing new and answers the first response); answers holds every item's"
					+ " answer, 0 (Not at all) to 3 (Nearly every day); difficulty (PHQ-9 only, optional) 0 to 3. When the answers"
					+ " raise a risk, the answer carries the crisis lines for where the client is. 404 for an assignment that is"
					+ " not the caller's or no longer asked for; 409 once care with the therapist ended.")
	@Refusals({ 400, 404, 409, 415 })
	@PostMapping("/api/v1/records/measures/assignments/{id}/responses")
	SubmittedMeasure submit(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID id,
			@RequestBody SubmitRequest request) {
		List<String> answers = request.answers() == null ? List.of()
				: request.answers().stream().map(a -> a == null ? null : String.valueOf(a)).toList();
		Submitted submitted = responses.submit(me.id(), id, request.submissionKey(), answers,
				request.difficulty() == null ? null : String.valueOf(request.difficulty()));
		return new SubmittedMeasure(submitted.id(), submitted.flagged(),
				submitted.flagged() ? crisisLines.forClient(me.id()).lines() : null);
	}

	@Operation(operationId = "listMeasureResults", summary = "A client's completed questionnaires, oldest first",
			tags = "Records",
			description = "For the client's therapist (and an administrator through emergency access), and for the client once"
					+ " their therapist shares their progress (else empty). Every read is audited. 404 for anyone else.")
	@Refusals({ 400, 404 })
	@GetMapping("/api/v1/records/measures/clients/{id}/results")
	List<Result> results(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID id) {
		return results.scores(pages.reader(me, id))
			.stream()
			.map(s -> new Result(s.id(), s.instrument().name(), s.completedAt(), s.total(), s.band().label(),
					s.administered()))
			.toList();
	}

	record AssignRequest(String instrument, String schedule, @Nullable Integer weeks) {
	}

	record Assigned(UUID id) {
	}

	record DueMeasure(UUID assignmentId, String instrument, String label, @Nullable Instant before) {
	}

	record SubmitRequest(String submissionKey, List<Integer> answers, @Nullable Integer difficulty) {
	}

	record SubmittedMeasure(UUID responseId, boolean riskRaised, @Nullable List<CrisisLines.Line> crisisLines) {
	}

	record Result(UUID id, String instrument, Instant completedAt, int total, String band, boolean administered) {
	}

}
