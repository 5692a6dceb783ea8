package org.haven.records.internal;

/**
 * A part of the record that adds its resources to the client's FHIR export. The export
 * asks every source in their {@code @Order}, so a part may refer to what an earlier one
 * added (an observation to its encounter). A source never adds psychotherapy notes: they
 * are kept apart from the record and never leave it.
 */
public interface FhirSource {

	void addTo(ExportedRecord record);

}
