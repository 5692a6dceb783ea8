package org.haven.records.web;

import java.time.Instant;
import java.util.UUID;

import org.haven.identity.CurrentAccount;
import org.haven.records.internal.IntakeAnswers;
import org.haven.records.internal.IntakeQuestionnaire;
import org.haven.records.internal.IntakeQuestionnaire.Intake;
import org.haven.records.internal.IntakeQuestionnaire.Saved;
import org.haven.records.internal.IntakeQuestionnaire.Status;
import org.haven.shared.web.Refusal;
import org.haven.shared.web.Refusals;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;

/**
 * The intake questionnaire on /api/v1: what the page's autosave (static/js/intake.js) and
 * other clients of the signed-in person use.
 */
@RestController
class IntakeApiController {

	private final RecordPages pages;

	private final IntakeQuestionnaire intake;

	IntakeApiController(RecordPages pages, IntakeQuestionnaire intake) {
		this.pages = pages;
		this.intake = intake;
	}

	@Operation(operationId = "getIntake", summary = "A client's intake questionnaire", tags = "Records",
			description = "For the client themself: the answers so far (none before the first save), where it stands and the"
					+ " version the next save names. For their therapist (or an admin through break-glass): once the client sent"
					+ " it. The read is audited; 404 for anyone else, and for others while it is not sent.")
	@Refusals({ 400, 404 })
	@GetMapping("/api/v1/records/clients/{id}/intake")
	IntakeJson read(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID id) {
		return json(intake.read(pages.reader(me, id)).orElseThrow(RecordPages::notFound));
	}

	@Operation(operationId = "saveIntake", summary = "Save a client's intake questionnaire as it is", tags = "Records",
			description = "For the client themself: keeps the answers, complete or not. version is the one the last read or save"
					+ " gave (0 before the first save); 409 when the questionnaire changed meanwhile (another window saved) or"
					+ " was already sent. 404 for anyone else.")
	@Refusals({ 400, 404, 409, 415 })
	@PostMapping("/api/v1/records/clients/{id}/intake")
	SavedJson save(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID id, @RequestBody IntakeSave request) {
		pages.client(me, id);
		return json(intake.save(id, request.version(), answers(request)));
	}

	@Operation(operationId = "submitIntake", summary = "Send a client's intake questionnaire to their therapist",
			tags = "Records",
			description = "For the client themself: saves and sends the questionnaire. 400 names every required answer that is"
					+ " missing; 409 as for saveIntake; 404 for anyone else.")
	@Refusals({ 400, 404, 409, 415 })
	@PostMapping("/api/v1/records/clients/{id}/intake/submit")
	SavedJson submit(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID id,
			@RequestBody IntakeSave request) {
		pages.client(me, id);
		return json(intake.submit(id, request.version(), answers(request)));
	}

	@Operation(operationId = "reviewIntake", summary = "Mark a client's intake questionnaire reviewed",
			tags = "Records",
			description = "For the client's therapist in active care. 404 for anyone else and while it is not sent; 409 once"
					+ " reviewed.")
	@Refusals({ 400, 404, 409 })
	@PostMapping("/api/v1/records/clients/{id}/intake/review")
	IntakeJson review(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID id) {
		intake.review(pages.writer(me, id));
		return json(intake.read(pages.reader(me, id)).orElseThrow(RecordPages::notFound));
	}

	private static IntakeAnswers answers(IntakeSave request) {
		if (request.answers() == null) {
			throw Refusal.of("answers", "answers is the questionnaire's answers, an object.");
		}
		return request.answers();
	}

	private static IntakeJson json(Intake found) {
		return new IntakeJson(found.version(), found.status(), found.answers(), found.submittedAt(),
				found.reviewedAt());
	}

	private static SavedJson json(Saved saved) {
		return new SavedJson(saved.version(), saved.savedAt(), saved.status());
	}

	/**
	 * @param version the version the last read or save gave; 0 before the first save
	 */
	record IntakeSave(long version, @Nullable IntakeAnswers answers) {
	}

	/**
	 * @param version the version the next save names
	 */
	record IntakeJson(long version, Status status, IntakeAnswers answers, @Nullable Instant submittedAt,
			@Nullable Instant reviewedAt) {
	}

	/**
	 * @param version the version the next save names
	 */
	record SavedJson(long version, Instant savedAt, Status status) {
	}

}
