package org.haven.records.internal;

import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The outcome measures: each instrument used as a Questionnaire, each completion as a
 * QuestionnaireResponse, and for each completion a panel Observation with its total score
 * as a member, both coded in LOINC (PHQ-9: panel 44249-1, total 44261-6; GAD-7: panel
 * 69737-5, total 70274-6), as survey observations.
 */
@Component
@Order(300)
class MeasuresFhir implements FhirSource {

	static final String LOINC = "http://loinc.org";

	/**
	 * LOINC answer codes of the scale both instruments share, in the order of its values.
	 */
	static final List<Coding> SCALE = List.of(new Coding(LOINC, "LA6568-5", "Not at all"),
			new Coding(LOINC, "LA6569-3", "Several days"), new Coding(LOINC, "LA6570-1", "More than half the days"),
			new Coding(LOINC, "LA6571-9", "Nearly every day"));

	private static final CodeableConcept SURVEY = new CodeableConcept(
			new Coding("http://terminology.hl7.org/CodeSystem/observation-category", "survey", "Survey"));

	private final Results results;

	MeasuresFhir(Results results) {
		this.results = results;
	}

	@Override
	public void addTo(ExportedRecord record) {
		Map<Instrument, String> questionnaires = new EnumMap<>(Instrument.class);
		for (Results.Response response : results.responses(record.reader().clientId())) {
			Instrument instrument = response.score().instrument();
			String canonical = questionnaires.computeIfAbsent(instrument, i -> questionnaire(record, i));
			Results.Score score = response.score();
			Date completed = Date.from(score.completedAt());
			QuestionnaireResponse answered = new QuestionnaireResponse();
			answered.setQuestionnaire(canonical);
			answered.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
			answered.setSubject(record.patient());
			answered.setAuthored(completed);
			answered.setSource(record.patient());
			List<Integer> items = response.answers().items();
			for (int i = 0; i < items.size(); i++) {
				answered.addItem()
					.setLinkId(String.valueOf(i + 1))
					.setText(instrument.items().get(i))
					.addAnswer()
					.setValue(SCALE.get(items.get(i)).copy());
			}
			Reference responseReference = record.add(answered);
			Observation total = observation(record, instrument.totalCode(), instrument.label() + " total score",
					completed, responseReference);
			total.setValue(new IntegerType(score.total()));
			total.addInterpretation().setText(score.band().label());
			Reference totalReference = record.add(total);
			Observation panel = observation(record, instrument.panelCode(), instrument.title(), completed,
					responseReference);
			panel.addHasMember(totalReference);
			record.add(panel);
		}
	}

	private static String questionnaire(ExportedRecord record, Instrument instrument) {
		Questionnaire questionnaire = new Questionnaire();
		String canonical = "urn:haven:questionnaire:" + instrument.name().toLowerCase(Locale.ROOT);
		questionnaire.setUrl(canonical);
		questionnaire.setName(instrument.name());
		questionnaire.setTitle(instrument.title());
		questionnaire.setStatus(Enumerations.PublicationStatus.ACTIVE);
		questionnaire.addSubjectType("Patient");
		questionnaire.addCode(new Coding(LOINC, instrument.panelCode(), instrument.title()));
		questionnaire.setDescription(Instrument.STEM);
		List<String> items = instrument.items();
		for (int i = 0; i < items.size(); i++) {
			Questionnaire.QuestionnaireItemComponent item = questionnaire.addItem()
				.setLinkId(String.valueOf(i + 1))
				.setText(items.get(i))
				.setType(Questionnaire.QuestionnaireItemType.CHOICE)
				.setRequired(true);
			SCALE.forEach(answer -> item.addAnswerOption().setValue(answer.copy()));
		}
		record.add(questionnaire);
		return canonical;
	}

	private static Observation observation(ExportedRecord record, String loinc, String display, Date effective,
			Reference derivedFrom) {
		Observation observation = new Observation();
		observation.setStatus(Observation.ObservationStatus.FINAL);
		observation.addCategory(SURVEY.copy());
		observation.setCode(new CodeableConcept(new Coding(LOINC, loinc, display)).setText(display));
		observation.setSubject(record.patient());
		observation.setEffective(new DateTimeType(effective));
		observation.addDerivedFrom(derivedFrom);
		return observation;
	}

}
