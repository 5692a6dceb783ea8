package org.haven.records.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.haven.care.CareRelationships;
import org.haven.identity.CurrentAccount;
import org.haven.records.internal.ChartAccess.Reader;
import org.haven.records.internal.TreatmentPlan.PlanProblem;
import org.haven.shared.crypto.FieldEncryption;
import org.haven.shared.time.Timestamps;
import org.haven.shared.web.Refusal;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client's treatment plan: read by whoever may read the client's record (every read
 * audited), written by their therapist in active care only, acknowledged by the client
 * version by version, and reviewed by its review date. The plan's words are one encrypted
 * document; its dates, version and history are in clear.
 */
@Service
public class TreatmentPlans {

	private static final TypeReference<List<PlanProblem>> PROBLEMS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final FieldEncryption encryption;

	private final JsonMapper json;

	private final ChartAccess access;

	private final PlanEvents events;

	private final CareRelationships care;

	private final Clock clock;

	TreatmentPlans(JdbcClient jdbc, FieldEncryption encryption, JsonMapper json, ChartAccess access, PlanEvents events,
			CareRelationships care, Clock clock) {
		this.jdbc = jdbc;
		this.encryption = encryption;
		this.json = json;
		this.access = access;
		this.events = events;
		this.care = care;
		this.clock = clock;
	}

	/** The client's plan for one who may read it (audited), or a 404 refusal. */
	@Transactional
	public Shown read(CurrentAccount account, UUID clientId) {
		Reader reader = access.reader(account, clientId).orElseThrow(PlanRules::notFound);
		access.audit(reader, "TREATMENT_PLAN_READ", "treatment-plan:" + clientId);
		Optional<TreatmentPlan> plan = find(clientId, false);
		return new Shown(plan, events.of(clientId, PlanEvents.TREATMENT), reader.isClient(),
				access.writer(account, clientId).isPresent(), plan.map(p -> p.reviewDue(today())).orElse(false));
	}

	/**
	 * Replaces the plan with the draft, for the client's therapist in active care; the
	 * draft must start from the current version (0 for a new plan), else 409.
	 */
	@Transactional
	public TreatmentPlan save(CurrentAccount account, UUID clientId, PlanDraft draft) {
		Reader writer = access.writer(account, clientId).orElseThrow(PlanRules::notFound);
		Optional<TreatmentPlan> current = find(clientId, true);
		int was = current.map(TreatmentPlan::version).orElse(0);
		// A stale draft is refused as such first: its other mistakes may come only from
		// the change it missed (an item it does not know of).
		PlanRules.expectVersion(draft.version(), was, "plan");
		PlanChecks.Checked checked = PlanChecks.check(draft, current, today());
		int version = was + 1;
		String content = encryption.encrypt(json.writeValueAsString(checked.problems()));
		var statement = current.isPresent() ? jdbc.sql("""
				update records_treatment_plan set content = :content, version = :version, target_date = :target,
				review_date = :review, updated_at = :now, updated_by = :by where client_id = :client""") : jdbc.sql("""
				insert into records_treatment_plan
				(client_id, content, version, target_date, review_date, updated_at, updated_by)
				values (:client, :content, :version, :target, :review, :now, :by)""");
		try {
			statement.param("client", clientId)
				.param("content", content)
				.param("version", version)
				.param("target", checked.targetDate())
				.param("review", checked.reviewDate())
				.param("now", Timestamps.utc(clock.instant()))
				.param("by", writer.accountId())
				.update();
		}
		catch (DuplicateKeyException ex) {
			// Another therapist's first save won the race.
			PlanRules.expectVersion(draft.version(), was + 1, "plan");
		}
		events.record(clientId, PlanEvents.TREATMENT, "SAVED", writer.accountId(), version);
		checked.changes().forEach(change -> events.statusChanged(clientId, writer.accountId(), version, change));
		access.audit(writer, "TREATMENT_PLAN_SAVED", "treatment-plan:" + clientId);
		return find(clientId, false).orElseThrow();
	}

	/**
	 * The client acknowledges the version they read; 409 if it changed since, 404 for
	 * anyone but the client or when there is no plan.
	 */
	@Transactional
	public TreatmentPlan acknowledge(CurrentAccount account, UUID clientId, @Nullable Integer version) {
		Reader client = access.reader(account, clientId).filter(Reader::isClient).orElseThrow(PlanRules::notFound);
		TreatmentPlan plan = find(clientId, true).orElseThrow(PlanRules::notFound);
		Refusal.when(version == null, "version", "Say which version of the plan you acknowledge.");
		if (version != plan.version()) {
			throw Refusal
				.of("version",
						"Your therapist changed the plan since you opened it: read it again, then acknowledge it.")
				.status(HttpStatus.CONFLICT)
				.code("stale");
		}
		if (!plan.acknowledged()) {
			jdbc.sql("""
					update records_treatment_plan set acknowledged_version = :version, acknowledged_at = :now
					where client_id = :client""")
				.param("version", version)
				.param("now", Timestamps.utc(clock.instant()))
				.param("client", clientId)
				.update();
			events.record(clientId, PlanEvents.TREATMENT, "ACKNOWLEDGED", client.accountId(), version);
		}
		return find(clientId, false).orElseThrow();
	}

	/**
	 * The therapist in active care marks the plan reviewed and sets the next review date,
	 * after today.
	 */
	@Transactional
	public TreatmentPlan review(CurrentAccount account, UUID clientId, @Nullable String nextReviewDate) {
		Reader writer = access.writer(account, clientId).orElseThrow(PlanRules::notFound);
		TreatmentPlan plan = find(clientId, true).orElseThrow(PlanRules::notFound);
		String typed = Refusal.required(nextReviewDate, "nextReviewDate", "Enter the next review date.");
		LocalDate next;
		try {
			next = LocalDate.parse(typed);
		}
		catch (DateTimeParseException ex) {
			throw Refusal.of("nextReviewDate", "Enter the next review date as a date, like 2027-03-31.");
		}
		Refusal.when(!next.isAfter(today()), "nextReviewDate", "The next review date must be after today.");
		jdbc.sql("""
				update records_treatment_plan set review_date = :next, reviewed_at = :now, reviewed_by = :by
				where client_id = :client""")
			.param("next", next)
			.param("now", Timestamps.utc(clock.instant()))
			.param("by", writer.accountId())
			.param("client", clientId)
			.update();
		events.record(clientId, PlanEvents.TREATMENT, "REVIEWED", writer.accountId(), plan.version());
		access.audit(writer, "TREATMENT_PLAN_REVIEWED", "treatment-plan:" + clientId);
		return find(clientId, false).orElseThrow();
	}

	/**
	 * The clients in active care with the therapist whose plan's review date has passed,
	 * most overdue first. Dates only: nothing of the plans is read.
	 */
	@Transactional(readOnly = true)
	public List<Due> reviewsDue(UUID therapistId) {
		List<UUID> clients = care.activeClientsOf(therapistId);
		if (clients.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("""
				select client_id, review_date from records_treatment_plan
				where client_id in (:clients) and review_date < :today order by review_date""")
			.param("clients", clients)
			.param("today", today())
			.query((rs, n) -> new Due(rs.getObject("client_id", UUID.class),
					rs.getObject("review_date", LocalDate.class)))
			.list();
	}

	/**
	 * Whether the client has a plan they have not acknowledged in its current version.
	 */
	@Transactional(readOnly = true)
	public Optional<Boolean> acknowledgedBy(UUID clientId) {
		return jdbc.sql("""
				select coalesce(acknowledged_version = version, false) from records_treatment_plan
				where client_id = :client""").param("client", clientId).query(Boolean.class).optional();
	}

	LocalDate today() {
		return PlanRules.today(clock);
	}

	/** The client's plan, unaudited: for the export, which audits itself. */
	@Transactional(readOnly = true)
	Optional<TreatmentPlan> current(UUID clientId) {
		return find(clientId, false);
	}

	private Optional<TreatmentPlan> find(UUID clientId, boolean forUpdate) {
		return jdbc
			.sql("select * from records_treatment_plan where client_id = :client" + (forUpdate ? " for update" : ""))
			.param("client", clientId)
			.query(this::plan)
			.optional();
	}

	private TreatmentPlan plan(ResultSet rs, int row) throws SQLException {
		Integer acknowledged = rs.getObject("acknowledged_version", Integer.class);
		return new TreatmentPlan(rs.getObject("client_id", UUID.class), rs.getInt("version"),
				rs.getObject("target_date", LocalDate.class), rs.getObject("review_date", LocalDate.class),
				json.readValue(encryption.decrypt(rs.getString("content")), PROBLEMS),
				rs.getObject("updated_at", OffsetDateTime.class).toInstant(), rs.getObject("updated_by", UUID.class),
				acknowledged, instant(rs, "acknowledged_at"), instant(rs, "reviewed_at"));
	}

	static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
		return at == null ? null : at.toInstant();
	}

	/**
	 * A plan as one reader sees it.
	 *
	 * @param events its history, oldest first: saves, status changes, reviews,
	 * acknowledgements
	 * @param writer whether the reader may change it
	 */
	public record Shown(Optional<TreatmentPlan> plan, List<PlanEvent> events, boolean client, boolean writer,
			boolean reviewDue) {
	}

	/** A plan whose review date has passed. */
	public record Due(UUID clientId, LocalDate reviewDate) {
	}

}
