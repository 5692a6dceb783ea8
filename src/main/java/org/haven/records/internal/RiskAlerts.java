package org.haven.records.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.haven.audit.AuditTrail;
import org.haven.identity.AccountSummary;
import org.haven.identity.Accounts;
import org.haven.records.RiskFlagged;
import org.haven.shared.mail.Mailer;
import org.haven.shared.mail.OutgoingMail;
import org.haven.shared.time.Timestamps;
import org.haven.shared.web.PublicLinks;
import org.haven.shared.web.Refusal;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The therapist's side of a risk a client's answers raised: a banner on every page until
 * they acknowledge it, and a mail that says only that a client's answers need attention,
 * with a link (never the answers, the score or the item).
 */
@Service
public class RiskAlerts {

	static final String MAIL_SUBJECT = "A client's answers need your attention in Haven";

	private final JdbcClient jdbc;

	private final Accounts accounts;

	private final Mailer mailer;

	private final PublicLinks links;

	private final AuditTrail audit;

	private final Clock clock;

	RiskAlerts(JdbcClient jdbc, Accounts accounts, Mailer mailer, PublicLinks links, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.mailer = mailer;
		this.links = links;
		this.audit = audit;
		this.clock = clock;
	}

	/** The therapist's alerts not yet acknowledged, oldest first. */
	@Transactional(readOnly = true)
	public List<Alert> open(UUID therapistId) {
		List<Row> rows = jdbc.sql("""
				select id, client_id, response_id, raised_at from records_risk_flag
				where therapist_id = :therapist and acknowledged_at is null order by raised_at""")
			.param("therapist", therapistId)
			.query((rs, n) -> new Row(rs.getObject("id", UUID.class), rs.getObject("client_id", UUID.class),
					rs.getObject("response_id", UUID.class),
					rs.getObject("raised_at", OffsetDateTime.class).toInstant()))
			.list();
		if (rows.isEmpty()) {
			return List.of();
		}
		Map<UUID, String> names = accounts.findAll(rows.stream().map(Row::clientId).toList())
			.stream()
			.collect(Collectors.toMap(AccountSummary::id, AccountSummary::displayName, (a, b) -> a));
		return rows.stream()
			.map(row -> new Alert(row.id(), row.clientId(), names.getOrDefault(row.clientId(), "A client"),
					row.responseId(), row.raisedAt()))
			.toList();
	}

	/**
	 * Acknowledges one of the therapist's alerts, recording who and when; 404 for an
	 * alert that is not theirs. Acknowledging twice changes nothing.
	 * @return the response that raised it
	 */
	@Transactional
	public UUID acknowledge(UUID therapistId, UUID flagId) {
		Flag flag = jdbc.sql("""
				select client_id, response_id, acknowledged_at is null as open from records_risk_flag
				where id = :id and therapist_id = :t""")
			.param("id", flagId)
			.param("t", therapistId)
			.query((rs, n) -> new Flag(rs.getObject("client_id", UUID.class), rs.getObject("response_id", UUID.class),
					rs.getBoolean("open")))
			.optional()
			.orElseThrow(() -> Refusal.of("flag", "No such alert.").status(HttpStatus.NOT_FOUND));
		if (flag.open()) {
			jdbc.sql("update records_risk_flag set acknowledged_at = :now, acknowledged_by = :by where id = :id")
				.param("now", Timestamps.utc(clock.instant()))
				.param("by", therapistId)
				.param("id", flagId)
				.update();
			audit.record(AuditTrail.account(therapistId), "RISK_ACKNOWLEDGED", "risk-flag:" + flagId,
					"client:" + flag.clientId());
		}
		return flag.responseId();
	}

	/** Tells the therapist by mail, once per flag however often the event arrives. */
	@ApplicationModuleListener
	void mailTherapist(RiskFlagged flagged) {
		accounts.emailOf(flagged.therapistId())
			.ifPresent(to -> mailer.send(OutgoingMail.of(to, MAIL_SUBJECT, mailBody(flagged.submissionId()))
				.once("risk-flag:" + flagged.flagId())));
	}

	String mailBody(UUID responseId) {
		return "A client's answers to a questionnaire in Haven need your attention.\n\nSign in to see them:\n"
				+ links.to("/records/measures/responses/" + responseId) + "\n";
	}

	private record Flag(UUID clientId, UUID responseId, boolean open) {
	}

	private record Row(UUID id, UUID clientId, UUID responseId, Instant raisedAt) {
	}

	/** One alert: whose answers, and the response to open. */
	public record Alert(UUID id, UUID clientId, String clientName, UUID responseId, Instant raisedAt) {
	}

}
