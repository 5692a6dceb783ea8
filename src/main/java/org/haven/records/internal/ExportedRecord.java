package org.haven.records.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * A client's record as it is being exported: a FHIR R4 collection Bundle whose entries
 * refer to each other by {@code urn:uuid} full URLs, so the file stands on its own.
 */
public final class ExportedRecord {

	private final Bundle bundle;

	private final ChartAccess.Reader reader;

	private final Reference patient;

	private final Function<UUID, String> names;

	private final Map<UUID, Reference> practitioners = new HashMap<>();

	private final Map<String, Reference> keyed = new HashMap<>();

	ExportedRecord(Bundle bundle, ChartAccess.Reader reader, Patient patient, Function<UUID, String> names) {
		this.bundle = bundle;
		this.reader = reader;
		this.names = names;
		this.patient = add(patient);
	}

	/** Whose record it is, and who asked for it. */
	public ChartAccess.Reader reader() {
		return reader;
	}

	/** The client, as the Patient of the record. */
	public Reference patient() {
		return patient;
	}

	/** A therapist, added as a Practitioner the first time anything refers to them. */
	public Reference practitioner(UUID therapistId) {
		return practitioners.computeIfAbsent(therapistId, id -> {
			Practitioner practitioner = new Practitioner();
			practitioner.addIdentifier(RecordExport.accountIdentifier(id));
			practitioner.addName().setText(names.apply(id));
			return add(practitioner);
		});
	}

	/** Adds a resource and answers the reference to it. */
	public Reference add(Resource resource) {
		String fullUrl = "urn:uuid:" + UUID.randomUUID();
		bundle.addEntry().setFullUrl(fullUrl).setResource(resource);
		return new Reference(fullUrl);
	}

	/**
	 * Adds a resource that later parts may refer to by a key of its own, e.g.
	 * {@code encounter:<appointment id>}.
	 */
	public Reference add(String key, Resource resource) {
		Reference reference = add(resource);
		keyed.put(key, reference);
		return reference;
	}

	/** A resource an earlier part added under this key. */
	public Optional<Reference> find(String key) {
		return Optional.ofNullable(keyed.get(key));
	}

	Bundle bundle() {
		return bundle;
	}

}
