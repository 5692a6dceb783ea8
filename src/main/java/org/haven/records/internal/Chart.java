package org.haven.records.internal;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.haven.identity.AccountSummary;
import org.haven.identity.Accounts;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A client's chart: the timeline every part of the record contributes
 * ({@link TimelineSource}), newest first, and the parts that have something to show.
 * Reading it is audited as one read of the record.
 */
@Service
public class Chart {

	/** The parts of the record by timeline kind, in the order the chart lists them. */
	private static final Map<String, String> PARTS = parts();

	private final List<TimelineSource> sources;

	private final Accounts accounts;

	private final ChartAccess access;

	Chart(List<TimelineSource> sources, Accounts accounts, ChartAccess access) {
		this.sources = sources;
		this.accounts = accounts;
		this.access = access;
	}

	@Transactional
	public View read(ChartAccess.Reader reader) {
		List<TimelineEntry> entries = sources.stream()
			.flatMap(source -> source.entries(reader).stream())
			.sorted(Comparator.comparing(TimelineEntry::at).reversed())
			.toList();
		access.audit(reader, "CHART_READ", "chart:" + reader.clientId());
		String name = accounts.find(reader.clientId()).map(AccountSummary::displayName).orElse("(unknown)");
		return new View(name, entries, sections(entries));
	}

	/** The newest link of each part that has one, in the order of {@link #PARTS}. */
	private static List<Section> sections(List<TimelineEntry> entries) {
		return PARTS.entrySet()
			.stream()
			.map(part -> entries.stream()
				.filter(e -> e.kind().equals(part.getKey()) && e.href() != null)
				.findFirst()
				.map(e -> new Section(part.getValue(), e.href()))
				.orElse(null))
			.filter(Objects::nonNull)
			.toList();
	}

	private static Map<String, String> parts() {
		Map<String, String> parts = new LinkedHashMap<>();
		parts.put("intake", "Intake questionnaire");
		parts.put("note", "Session notes");
		parts.put("plan", "Treatment plan");
		parts.put("measure", "Outcome measures");
		parts.put("safety", "Safety plan");
		parts.put("letter", "Letters");
		return parts;
	}

	/** The chart as a page shows it. */
	public record View(String clientName, List<TimelineEntry> entries, List<Section> sections) {
	}

	/** A part of the record with its page. */
	public record Section(String label, String href) {
	}

}
