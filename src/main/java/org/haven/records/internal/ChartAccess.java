package org.haven.records.internal;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import org.haven.audit.AuditTrail;
import org.haven.care.CareRelationships;
import org.haven.identity.CurrentAccount;
import org.haven.identity.Role;
import org.haven.shared.time.Timestamps;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who may read and who may write a client's record. The one place every page, API and
 * export of the record asks, so that a new part of the record cannot forget a rule:
 * <ul>
 * <li>the client reads what is theirs to see (never psychotherapy notes);</li>
 * <li>a therapist who is or was in care with the client reads it (a record outlives the
 * relationship), and writes to it only while the care is active;</li>
 * <li>an admin reads one client's record only through an unexpired break-glass grant, and
 * every such read is audited with the grant's reason;</li>
 * <li>anyone else gets nothing, and the caller answers "not found".</li>
 * </ul>
 */
@Service
@Transactional(readOnly = true)
public class ChartAccess {

	private final JdbcClient jdbc;

	private final CareRelationships care;

	private final AuditTrail audit;

	private final Clock clock;

	ChartAccess(JdbcClient jdbc, CareRelationships care, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.care = care;
		this.audit = audit;
		this.clock = clock;
	}

	/** The account as a reader of this client's record, if it may read it. */
	public Optional<Reader> reader(CurrentAccount account, UUID clientId) {
		return switch (account.role()) {
			case CLIENT -> account.id().equals(clientId)
					? Optional.of(new Reader(account.id(), clientId, Kind.CLIENT, null)) : Optional.empty();
			case THERAPIST -> treats(account.id(), clientId)
					? Optional.of(new Reader(account.id(), clientId, Kind.THERAPIST, null)) : Optional.empty();
			case ADMIN -> breakGlassReason(account.id(), clientId)
				.map(reason -> new Reader(account.id(), clientId, Kind.BREAK_GLASS, reason));
		};
	}

	/**
	 * The account as the writer of this client's record: their therapist in active care,
	 * nobody else.
	 */
	public Optional<Reader> writer(CurrentAccount account, UUID clientId) {
		return account.role() == Role.THERAPIST && care.active(clientId, account.id()).isPresent()
				? Optional.of(new Reader(account.id(), clientId, Kind.THERAPIST, null)) : Optional.empty();
	}

	/**
	 * Audits one read of a part of the record, with the break-glass reason when it was
	 * made through a grant.
	 * @param action e.g. {@code NOTE_READ}
	 * @param subject e.g. {@code note:<id>}
	 */
	@Transactional
	public void audit(Reader reader, String action, String subject) {
		String detail = reader.kind() == Kind.BREAK_GLASS ? "break-glass: " + reader.breakGlassReason()
				: "client:" + reader.clientId();
		audit.record(AuditTrail.account(reader.accountId()), action, subject, detail);
	}

	private boolean treats(UUID therapistId, UUID clientId) {
		return care.partiesOf(therapistId).stream().anyMatch(party -> party.clientId().equals(clientId));
	}

	private Optional<String> breakGlassReason(UUID adminId, UUID clientId) {
		return jdbc.sql("""
				select reason from records_break_glass
				where admin_id = :admin and client_id = :client and expires_at > :now
				order by expires_at desc limit 1""")
			.param("admin", adminId)
			.param("client", clientId)
			.param("now", Timestamps.utc(clock.instant()))
			.query(String.class)
			.optional();
	}

	/** How a reader came to read a record. */
	public enum Kind {

		CLIENT, THERAPIST, BREAK_GLASS

	}

	/**
	 * Someone allowed to read one client's record.
	 *
	 * @param breakGlassReason the stated reason, for {@link Kind#BREAK_GLASS} only
	 */
	public record Reader(UUID accountId, UUID clientId, Kind kind, String breakGlassReason) {

		public boolean isClient() {
			return kind == Kind.CLIENT;
		}

		public boolean isTherapist() {
			return kind == Kind.THERAPIST;
		}

	}

}
