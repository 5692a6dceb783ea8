package org.haven.records.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.haven.care.IntakeFacts;
import org.haven.visits.CheckInFacts;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The crisis lines for where a client is: the jurisdiction of their latest session
 * check-in, else the one they gave when they asked for care, else the table's default.
 * The table is read once at start-up and checked then, so a mistake in it stops Haven
 * rather than leaving a client at risk with nothing to call.
 */
@Service
@EnableConfigurationProperties(CrisisProperties.class)
public class CrisisLines {

	static final String DEFAULT = "default";

	private final Map<String, List<Line>> table;

	private final CheckInFacts checkIns;

	private final IntakeFacts intake;

	CrisisLines(CrisisProperties properties, CheckInFacts checkIns, IntakeFacts intake) {
		this.table = read(properties);
		this.checkIns = checkIns;
		this.intake = intake;
	}

	/** The lines to show this client now. */
	public Shown forClient(UUID clientId) {
		Optional<String> where = checkIns.lastJurisdiction(clientId).or(() -> intake.jurisdictionOf(clientId));
		return where.map(this::forJurisdiction).orElseGet(() -> new Shown(null, table.get(DEFAULT)));
	}

	/**
	 * The lines for a jurisdiction code (e.g. {@code US-CA}): its own, its country's, or
	 * the default.
	 */
	public Shown forJurisdiction(String jurisdiction) {
		String code = jurisdiction.toUpperCase(Locale.ROOT);
		String country = code.contains("-") ? code.substring(0, code.indexOf('-')) : code;
		if (table.containsKey(code)) {
			return new Shown(code, table.get(code));
		}
		if (table.containsKey(country)) {
			return new Shown(code, table.get(country));
		}
		return new Shown(code, table.get(DEFAULT));
	}

	static Map<String, List<Line>> read(CrisisProperties properties) {
		try (InputStream in = properties.lines().getInputStream()) {
			Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
			if (!(loaded instanceof Map<?, ?> rows)) {
				throw new IllegalStateException("The crisis lines table is not a map of jurisdictions");
			}
			Map<String, List<Line>> table = new LinkedHashMap<>();
			rows.forEach((key, lines) -> table.put(key.toString(), lines(key.toString(), lines)));
			if (table.getOrDefault(DEFAULT, List.of()).isEmpty()) {
				throw new IllegalStateException("The crisis lines table has no lines under \"default\"");
			}
			return Map.copyOf(table);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the crisis lines table " + properties.lines(), ex);
		}
	}

	private static List<Line> lines(String jurisdiction, Object lines) {
		if (!(lines instanceof List<?> list) || list.isEmpty()) {
			throw new IllegalStateException("Crisis lines for " + jurisdiction + " are not a list of lines");
		}
		return list.stream().map(line -> {
			if (!(line instanceof Map<?, ?> fields) || !(fields.get("name") instanceof String name)
					|| !(fields.get("how") instanceof String how) || !(fields.get("dial") instanceof String dial)
					|| !dial.matches("[0-9]{2,15}")) {
				throw new IllegalStateException("A crisis line for " + jurisdiction
						+ " needs a name, how to reach it, and a number to dial (digits only)");
			}
			return new Line(name, dial, how);
		}).toList();
	}

	/** One line: who answers, the digits to dial, and how to reach them. */
	public record Line(String name, String dial, String how) {

		public String telUri() {
			return "tel:" + dial;
		}

	}

	/**
	 * @param jurisdiction where the client is taken to be, or {@code null} when Haven
	 * does not know
	 */
	public record Shown(String jurisdiction, List<Line> lines) {
	}

}
