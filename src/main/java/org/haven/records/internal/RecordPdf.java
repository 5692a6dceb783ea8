package org.haven.records.internal;

import java.io.ByteArrayOutputStream;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;

import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;

/**
 * The printable summary of a client's record, written from the same FHIR Bundle as the
 * export, so the two never disagree: who the client and their therapists are, the
 * sessions, the measures with their scores, the plans and the consents signed.
 */
final class RecordPdf {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

	private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH);

	private static final Font TITLE = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 18);

	private static final Font HEADING = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 13);

	private static final Font TEXT = FontFactory.getFont(FontFactory.HELVETICA, 10);

	private static final Font LABEL = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 10);

	private RecordPdf() {
	}

	/**
	 * @param zone the zone the reader reads times in
	 */
	static byte[] render(Bundle bundle, ZoneId zone) {
		List<Resource> resources = bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).toList();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Document document = new Document(PageSize.A4, 50, 50, 50, 50);
		PdfWriter.getInstance(document, out);
		String patient = of(resources, Patient.class).stream()
			.findFirst()
			.map(p -> p.getNameFirstRep().getText())
			.orElse("");
		document.addTitle("Health record summary: " + patient);
		document.addCreator("Haven");
		document.open();
		document.add(new Paragraph("Health record summary", TITLE));
		document.add(new Paragraph(patient, HEADING));
		document.add(new Paragraph(
				"Prepared on " + DAY.format(bundle.getTimestamp().toInstant().atZone(zone)) + ". Times are in "
						+ zone.getId() + ". Psychotherapy notes are kept apart from the record and are not included.",
				TEXT));
		Map<String, String> names = bundle.getEntry()
			.stream()
			.filter(e -> e.getResource() instanceof Practitioner)
			.collect(Collectors.toMap(Bundle.BundleEntryComponent::getFullUrl,
					e -> ((Practitioner) e.getResource()).getNameFirstRep().getText()));
		section(document, "Therapists", List.of("Name"), names.values().stream().sorted().map(List::of).toList());
		section(document, "Sessions", List.of("When", "Session", "Status"),
				rows(resources, Appointment.class, a -> List.of(DAY_TIME.format(a.getStart().toInstant().atZone(zone)),
						a.getAppointmentType().getText(), words(a.getStatus().getDisplay()))));
		Map<String, String> titles = of(resources, Questionnaire.class).stream()
			.collect(Collectors.toMap(Questionnaire::getUrl, Questionnaire::getTitle, (a, b) -> a));
		section(document, "Questionnaires", List.of("Completed", "Questionnaire"), rows(resources,
				QuestionnaireResponse.class,
				r -> List.of(day(r.getAuthored(), zone), titles.getOrDefault(r.getQuestionnaire(), "Questionnaire"))));
		section(document, "Measures", List.of("When", "Measure", "Result"),
				rows(resources, Observation.class, o -> List.of(day(o.getEffectiveDateTimeType().getValue(), zone),
						o.getCode().getText() == null ? o.getCode().getCodingFirstRep().getDisplay()
								: o.getCode().getText(),
						o.hasValueIntegerType() ? o.getValueIntegerType().getValueAsString()
								: o.hasValueQuantity() ? o.getValueQuantity().getValue().toPlainString() : "")));
		section(document, "Treatment plans", List.of("Plan", "Status"), rows(resources, CarePlan.class,
				p -> List.of(p.hasTitle() ? p.getTitle() : "Treatment plan", words(p.getStatus().getDisplay()))));
		section(document, "Consents", List.of("Signed", "Document"), rows(resources, Consent.class,
				c -> List.of(day(c.getDateTime(), zone), c.getCategoryFirstRep().getText())));
		document.close();
		return out.toByteArray();
	}

	private static <T extends Resource> List<T> of(List<Resource> resources, Class<T> type) {
		return resources.stream().filter(type::isInstance).map(type::cast).toList();
	}

	private static <T extends Resource> List<List<String>> rows(List<Resource> resources, Class<T> type,
			Function<T, List<String>> row) {
		return of(resources, type).stream().map(row).toList();
	}

	private static void section(Document document, String title, List<String> columns, List<List<String>> rows) {
		if (rows.isEmpty()) {
			return;
		}
		Paragraph heading = new Paragraph(title, HEADING);
		heading.setSpacingBefore(14);
		heading.setSpacingAfter(6);
		document.add(heading);
		PdfPTable table = new PdfPTable(columns.size());
		table.setWidthPercentage(100);
		table.setHeaderRows(1);
		columns.forEach(column -> table.addCell(cell(column, LABEL)));
		rows.forEach(row -> row.forEach(value -> table.addCell(cell(value, TEXT))));
		document.add(table);
	}

	private static PdfPCell cell(String text, Font font) {
		PdfPCell cell = new PdfPCell(new Phrase(text == null ? "" : text, font));
		cell.setPadding(4);
		cell.setHorizontalAlignment(Element.ALIGN_LEFT);
		return cell;
	}

	private static String day(Date date, ZoneId zone) {
		return date == null ? "" : DAY.format(date.toInstant().atZone(zone));
	}

	private static String words(String display) {
		return display == null ? "" : display;
	}

}
