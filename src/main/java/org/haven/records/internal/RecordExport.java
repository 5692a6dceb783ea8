package org.haven.records.internal;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import org.haven.identity.AccountSummary;
import org.haven.identity.Accounts;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import ca.uhn.fhir.context.FhirContext;

/**
 * The client's record as one FHIR R4 Bundle: the client as Patient, then every part of
 * the record ({@link FhirSource}). The client downloads their own, a therapist a client's
 * they treat; an admin's break-glass access reads the record but does not export it.
 * Every export is audited.
 */
@Service
public class RecordExport {

	/** Identifiers of Haven's accounts: their UUID as a URI. */
	static final String URI_SYSTEM = "urn:ietf:rfc:3986";

	private static final FhirContext FHIR = FhirContext.forR4Cached();

	private final Accounts accounts;

	private final List<FhirSource> sources;

	private final ChartAccess access;

	private final Clock clock;

	RecordExport(Accounts accounts, List<FhirSource> sources, ChartAccess access, Clock clock) {
		this.accounts = accounts;
		this.sources = sources;
		this.access = access;
		this.clock = clock;
	}

	/** Whether this reader may export the record they read. */
	public static boolean mayExport(ChartAccess.Reader reader) {
		return reader.kind() != ChartAccess.Kind.BREAK_GLASS;
	}

	@Transactional
	public Bundle bundle(ChartAccess.Reader reader, String format) {
		if (!mayExport(reader)) {
			throw new IllegalArgumentException("Break-glass access does not export a record");
		}
		Bundle bundle = new Bundle();
		bundle.setType(Bundle.BundleType.COLLECTION);
		bundle.setTimestamp(Date.from(clock.instant()));
		bundle.setIdentifier(new Identifier().setSystem(URI_SYSTEM).setValue("urn:uuid:" + UUID.randomUUID()));
		Patient patient = new Patient();
		patient.addIdentifier(accountIdentifier(reader.clientId()));
		patient.setActive(true);
		patient.addName().setText(name(reader.clientId()));
		ExportedRecord record = new ExportedRecord(bundle, reader, patient, this::name);
		sources.forEach(source -> source.addTo(record));
		access.audit(reader, "RECORD_EXPORTED", "record:" + format);
		return bundle;
	}

	/** The bundle as FHIR JSON. */
	public String json(ChartAccess.Reader reader) {
		return FHIR.newJsonParser().setPrettyPrint(true).encodeResourceToString(bundle(reader, "fhir"));
	}

	/**
	 * The printable summary, in the zone of the client's last session (else UTC): written
	 * from the same bundle as the FHIR export.
	 */
	public byte[] pdf(ChartAccess.Reader reader) {
		return RecordPdf.render(bundle(reader, "pdf"), ZoneOffset.UTC);
	}

	static FhirContext fhir() {
		return FHIR;
	}

	static Identifier accountIdentifier(UUID accountId) {
		return new Identifier().setSystem(URI_SYSTEM).setValue("urn:uuid:" + accountId);
	}

	private String name(UUID accountId) {
		return accounts.find(accountId).map(AccountSummary::displayName).orElse("(unknown)");
	}

}
