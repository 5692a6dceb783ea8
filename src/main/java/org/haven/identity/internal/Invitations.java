package org.haven.identity.internal;

import org.haven.shared.web.Refusal;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.haven.audit.AuditTrail;
import org.haven.identity.Role;
import org.haven.shared.mail.Mailer;
import org.haven.shared.time.Timestamps;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Therapists and admins join only by an admin's invitation: a single-use link that
 * expires after 72 hours.
 */
@Service
public class Invitations {

	private final JdbcClient jdbc;

	private final AccountRepository accounts;

	private final PasswordEncoder encoder;

	private final PasswordPolicy policy;

	private final Mailer mailer;

	private final Links links;

	private final AuditTrail audit;

	private final Clock clock;

	private final IdentityProperties properties;

	Invitations(JdbcClient jdbc, AccountRepository accounts, PasswordEncoder encoder, PasswordPolicy policy,
			Mailer mailer, Links links, AuditTrail audit, Clock clock, IdentityProperties properties) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.encoder = encoder;
		this.policy = policy;
		this.mailer = mailer;
		this.links = links;
		this.audit = audit;
		this.clock = clock;
		this.properties = properties;
	}

	@Transactional
	public void invite(UUID adminId, String rawEmail, String rawRole) {
		String email = Inputs.email(rawEmail);
		Role role = parseRole(rawRole);
		if (accounts.findByEmail(email).isPresent()) {
			throw Refusal.of("email", "An account with this email exists already.");
		}
		Instant now = clock.instant();
		String token = Hashes.newToken();
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into invitation (id, email, role, token_hash, invited_by, created_at, expires_at)
				values (:id, :email, :role, :hash, :by, :now, :expires)""")
			.param("id", id)
			.param("email", email)
			.param("role", role.name())
			.param("hash", Hashes.sha256(token))
			.param("by", adminId)
			.param("now", Timestamps.utc(now))
			.param("expires", Timestamps.utc(now.plus(properties.tokens().invitationTtl())))
			.update();
		audit.record(AuditTrail.account(adminId), "INVITATION_SENT", "invitation:" + id, "role=" + role);
		mailer.send(email, "You are invited to Haven",
				"""
						You have been invited to join Haven as %s.

						Create your account here:
						%s

						The link works once and expires in %d hours. You will set up two-step verification when you first sign in.
						"""
					.formatted(role == Role.THERAPIST ? "a therapist" : "an administrator",
							links.to("/invitation", token), properties.tokens().invitationTtl().toHours()));
	}

	@Transactional(readOnly = true)
	public List<PendingInvitation> pending() {
		return jdbc.sql("""
				select id, email, role, expires_at from invitation
				where accepted_at is null and revoked_at is null and expires_at > :now order by created_at desc""")
			.param("now", Timestamps.utc(clock.instant()))
			.query((rs, n) -> new PendingInvitation(rs.getObject("id", UUID.class), rs.getString("email"),
					Role.valueOf(rs.getString("role")), rs.getObject("expires_at", OffsetDateTime.class).toInstant()))
			.list();
	}

	@Transactional
	public boolean revoke(UUID adminId, UUID invitationId) {
		int updated = jdbc.sql(
				"update invitation set revoked_at = :now where id = :id and accepted_at is null and revoked_at is null")
			.param("now", Timestamps.utc(clock.instant()))
			.param("id", invitationId)
			.update();
		if (updated == 1) {
			audit.record(AuditTrail.account(adminId), "INVITATION_REVOKED", "invitation:" + invitationId);
		}
		return updated == 1;
	}

	@Transactional(readOnly = true)
	public Optional<PendingInvitation> find(String token) {
		if (!AccountTokens.plausible(token)) {
			return Optional.empty();
		}
		return jdbc.sql("""
				select id, email, role, expires_at from invitation
				where token_hash = :hash and accepted_at is null and revoked_at is null and expires_at > :now""")
			.param("hash", Hashes.sha256(token))
			.param("now", Timestamps.utc(clock.instant()))
			.query((rs, n) -> new PendingInvitation(rs.getObject("id", UUID.class), rs.getString("email"),
					Role.valueOf(rs.getString("role")), rs.getObject("expires_at", OffsetDateTime.class).toInstant()))
			.optional();
	}

	/** Creates the invited account; false if the link is no longer valid. */
	@Transactional
	public boolean accept(String token, String rawName, String password, String confirmation) {
		Optional<PendingInvitation> invitation = find(token);
		if (invitation.isEmpty()) {
			return false;
		}
		String name = Inputs.displayName(rawName);
		policy.problem(password).ifPresent(problem -> {
			throw Refusal.of("password", problem);
		});
		if (!password.equals(confirmation)) {
			throw Refusal.of("confirmation", "The two passwords differ.");
		}
		if (accounts.findByEmail(invitation.get().email()).isPresent()) {
			throw Refusal.of("email", "An account with this email exists already. Sign in instead.");
		}
		int updated = jdbc.sql("update invitation set accepted_at = :now where id = :id and accepted_at is null")
			.param("now", Timestamps.utc(clock.instant()))
			.param("id", invitation.get().id())
			.update();
		if (updated != 1) {
			return false;
		}
		Account account = accounts.save(Account.invited(invitation.get().email(), name, encoder.encode(password),
				invitation.get().role(), clock.instant()));
		audit.record(AuditTrail.account(account.id()), "INVITATION_ACCEPTED", AuditTrail.account(account.id()),
				"role=" + account.role());
		return true;
	}

	static Role parseRole(String raw) {
		if ("THERAPIST".equals(raw)) {
			return Role.THERAPIST;
		}
		if ("ADMIN".equals(raw)) {
			return Role.ADMIN;
		}
		throw Refusal.of("role", "Choose therapist or admin.");
	}

	public record PendingInvitation(UUID id, String email, Role role, Instant expiresAt) {

		public String expiresUtc() {
			return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC).format(expiresAt);
		}
	}

}
