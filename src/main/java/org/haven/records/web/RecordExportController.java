package org.haven.records.web;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import org.haven.identity.Accounts;
import org.haven.identity.AccountSummary;
import org.haven.identity.CurrentAccount;
import org.haven.records.internal.ChartAccess;
import org.haven.records.internal.RecordExport;
import org.haven.shared.web.Refusals;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/**
 * The record to take away: the client downloads their own, a therapist the record of a
 * client they treat, as FHIR R4 (for another system) or as a PDF (to print). Anyone else,
 * break-glass access included, is told there is no such page.
 */
@Controller
class RecordExportController {

	static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json");

	private final ChartAccess access;

	private final RecordExport export;

	private final Accounts accounts;

	private final Clock clock;

	RecordExportController(ChartAccess access, RecordExport export, Accounts accounts, Clock clock) {
		this.access = access;
		this.export = export;
		this.accounts = accounts;
		this.clock = clock;
	}

	@GetMapping("/records/clients/{clientId}/export")
	String page(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID clientId, Model model) {
		ChartAccess.Reader reader = exporter(me, clientId);
		model.addAttribute("clientId", clientId);
		model.addAttribute("own", reader.isClient());
		model.addAttribute("clientName", accounts.find(clientId).map(AccountSummary::displayName).orElse("(unknown)"));
		return "records/export";
	}

	@GetMapping("/records/clients/{clientId}/export/fhir")
	ResponseEntity<byte[]> fhir(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID clientId) {
		return download(export.json(exporter(me, clientId)).getBytes(StandardCharsets.UTF_8), FHIR_JSON, "json");
	}

	@GetMapping("/records/clients/{clientId}/export/pdf")
	ResponseEntity<byte[]> pdf(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID clientId) {
		return download(export.pdf(exporter(me, clientId)), MediaType.APPLICATION_PDF, "pdf");
	}

	@Operation(operationId = "exportRecord", summary = "A client's record as a FHIR R4 Bundle", tags = "Records",
			description = "For the client themself or a therapist who treats or treated them: a collection Bundle with the"
					+ " Patient, Practitioners, Appointments, Encounters, Consents and every part of the record"
					+ " (psychotherapy notes are never included). Every export is audited. 404 for anyone else.")
	@ApiResponse(responseCode = "200", description = "The record.",
			content = @Content(mediaType = "application/fhir+json", schema = @Schema(type = "object")))
	@Refusals({ 404 })
	@GetMapping(path = "/api/v1/records/clients/{clientId}/export", produces = "application/fhir+json")
	@ResponseBody
	ResponseEntity<String> fhirApi(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID clientId) {
		return ResponseEntity.ok().contentType(FHIR_JSON).body(export.json(exporter(me, clientId)));
	}

	private ChartAccess.Reader exporter(CurrentAccount me, UUID clientId) {
		return access.reader(me, clientId)
			.filter(RecordExport::mayExport)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	private ResponseEntity<byte[]> download(byte[] body, MediaType type, String extension) {
		String name = "haven-record-" + LocalDate.now(clock.withZone(ZoneOffset.UTC)) + "." + extension;
		return ResponseEntity.ok()
			.contentType(type)
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
			.body(body);
	}

}
