package org.haven.records.internal;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.haven.identity.CurrentAccount;
import org.haven.records.internal.ChartAccess.Reader;
import org.haven.shared.crypto.FieldEncryption;
import org.haven.shared.time.Timestamps;
import org.haven.shared.web.Refusal;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client's safety plan, written together: the client and their therapist in active care
 * both edit it, each save records who, and a save that did not start from the current
 * version is refused (409) rather than overwriting the other's words. Whoever may read
 * the client's record reads it, every read audited; its items are one encrypted document.
 */
@Service
public class SafetyPlans {

	static final int MAX_ITEMS = 20;

	static final int MAX_ITEM = 400;

	private static final TypeReference<Map<SafetySection, List<String>>> CONTENT = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final FieldEncryption encryption;

	private final JsonMapper json;

	private final ChartAccess access;

	private final PlanEvents events;

	private final Clock clock;

	SafetyPlans(JdbcClient jdbc, FieldEncryption encryption, JsonMapper json, ChartAccess access, PlanEvents events,
			Clock clock) {
		this.jdbc = jdbc;
		this.encryption = encryption;
		this.json = json;
		this.access = access;
		this.events = events;
		this.clock = clock;
	}

	/** The plan for one who may read it (audited), empty if nobody wrote one yet. */
	@Transactional
	public Shown read(CurrentAccount account, UUID clientId) {
		Reader reader = access.reader(account, clientId).orElseThrow(PlanRules::notFound);
		access.audit(reader, "SAFETY_PLAN_READ", "safety-plan:" + clientId);
		return new Shown(find(clientId, false), editor(account, clientId).isPresent());
	}

	/**
	 * Saves the sections (items by section, blank items dropped) for the client or their
	 * therapist in active care, starting from {@code version}; 409 when that is not the
	 * current version any more.
	 */
	@Transactional
	public SafetyPlan save(CurrentAccount account, UUID clientId, @Nullable Integer version,
			Map<SafetySection, List<String>> typed) {
		Reader editor = editor(account, clientId).orElseThrow(PlanRules::notFound);
		Map<SafetySection, List<String>> items = checked(typed);
		SafetyPlan current = find(clientId, true);
		PlanRules.expectVersion(version, current.version(), "safety plan");
		int next = current.version() + 1;
		String content = encryption.encrypt(json.writeValueAsString(items));
		// The conflict target makes a first save that lost a race an update of version 1
		// that matches no row: refused below, like any stale save.
		int saved = jdbc.sql("""
				insert into records_safety_plan (client_id, content, version, updated_at, updated_by)
				values (:client, :content, :next, :now, :by)
				on conflict (client_id) do update set content = excluded.content, version = excluded.version,
				updated_at = excluded.updated_at, updated_by = excluded.updated_by
				where records_safety_plan.version = :was""")
			.param("client", clientId)
			.param("content", content)
			.param("next", next)
			.param("was", current.version())
			.param("now", Timestamps.utc(clock.instant()))
			.param("by", editor.accountId())
			.update();
		if (saved == 0) {
			PlanRules.expectVersion(version, next, "safety plan");
		}
		events.record(clientId, PlanEvents.SAFETY, "SAVED", editor.accountId(), next);
		access.audit(editor, "SAFETY_PLAN_SAVED", "safety-plan:" + clientId);
		return find(clientId, false);
	}

	private Optional<Reader> editor(CurrentAccount account, UUID clientId) {
		return access.reader(account, clientId).filter(Reader::isClient).or(() -> access.writer(account, clientId));
	}

	private static Map<SafetySection, List<String>> checked(Map<SafetySection, List<String>> typed) {
		Map<SafetySection, List<String>> items = new LinkedHashMap<>();
		Map<String, String> errors = new LinkedHashMap<>();
		for (SafetySection section : SafetySection.values()) {
			List<String> kept = typed.getOrDefault(section, List.of())
				.stream()
				.map(item -> item == null ? "" : item.strip())
				.filter(item -> !item.isEmpty())
				.toList();
			if (kept.size() > MAX_ITEMS) {
				errors.put(section.key(), "Keep this to " + MAX_ITEMS + " items; it has " + kept.size() + ".");
			}
			else if (kept.stream().anyMatch(item -> item.length() > MAX_ITEM)) {
				errors.put(section.key(), "Keep each item to " + MAX_ITEM + " characters.");
			}
			items.put(section, kept);
		}
		if (!errors.isEmpty()) {
			throw Refusal.of(errors);
		}
		return items;
	}

	private SafetyPlan find(UUID clientId, boolean forUpdate) {
		return jdbc
			.sql("select * from records_safety_plan where client_id = :client" + (forUpdate ? " for update" : ""))
			.param("client", clientId)
			.query((rs, n) -> plan(clientId, rs.getInt("version"),
					json.readValue(encryption.decrypt(rs.getString("content")), CONTENT),
					rs.getObject("updated_at", OffsetDateTime.class), rs.getObject("updated_by", UUID.class)))
			.optional()
			.orElseGet(() -> plan(clientId, 0, Map.of(), null, null));
	}

	private static SafetyPlan plan(UUID clientId, int version, Map<SafetySection, List<String>> items,
			@Nullable OffsetDateTime at, @Nullable UUID by) {
		return new SafetyPlan(clientId, version,
				Arrays.stream(SafetySection.values())
					.map(s -> new SafetyPlan.SafetyPlanSection(s.key(), s.title(), items.getOrDefault(s, List.of())))
					.toList(),
				at == null ? null : at.toInstant(), by);
	}

	/**
	 * The plan as one reader sees it.
	 *
	 * @param editable whether the reader may change it (the client, or their therapist in
	 * active care)
	 */
	public record Shown(SafetyPlan plan, boolean editable) {
	}

}
