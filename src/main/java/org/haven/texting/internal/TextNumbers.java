package org.haven.texting.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.haven.audit.AuditTrail;
import org.haven.care.CareRelationships;
import org.haven.identity.AccountSummary;
import org.haven.identity.Accounts;
import org.haven.identity.Role;
import org.haven.shared.time.Timestamps;
import org.haven.shared.web.Refusal;
import org.haven.texting.internal.TextOutbox.Purpose;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each account's mobile number and what its owner agreed to receive. A number is proved
 * by a six-digit code sent to it; codes are limited per number, per account and per
 * address each hour (SMS pumping fraud pays per text sent), expire after ten minutes and
 * die after five wrong tries. Clinical texting (a conversation with the therapist by SMS)
 * is for clients only, with its own consent.
 */
@Component
public class TextNumbers {

	static final Duration CODE_LIFE = Duration.ofMinutes(10);

	static final int CODE_TRIES = 5;

	static final int CODES_PER_NUMBER = 3;

	static final int CODES_PER_ACCOUNT = 5;

	private static final SecureRandom random = new SecureRandom();

	private final JdbcClient jdbc;

	private final PhoneNumbers numbers;

	private final Texting texting;

	private final Recipients recipients;

	private final CareRelationships care;

	private final Accounts accounts;

	private final AuditTrail audit;

	private final Clock clock;

	private final int codesPerAddress;

	TextNumbers(JdbcClient jdbc, PhoneNumbers numbers, Texting texting, Recipients recipients, CareRelationships care,
			Accounts accounts, AuditTrail audit, TextingProperties properties, Clock clock) {
		this.codesPerAddress = properties.codesPerAddress();
		this.jdbc = jdbc;
		this.numbers = numbers;
		this.texting = texting;
		this.recipients = recipients;
		this.care = care;
		this.accounts = accounts;
		this.audit = audit;
		this.clock = clock;
	}

	/** The account's number and choices, if it gave one. */
	public Optional<Settings> of(UUID accountId) {
		return jdbc.sql("select * from text_number where account_id = :id").param("id", accountId).query((rs, n) -> {
			E164 number = new E164(rs.getString("e164"));
			return new Settings(number, numbers.display(number), rs.getObject("verified_at") != null,
					rs.getObject("code_hash") != null && rs.getObject("verified_at") == null,
					rs.getBoolean("reminders"), rs.getBoolean("clinical"), (UUID) rs.getObject("conversation_id"),
					recipients.optedOut(number.value()));
		}).optional();
	}

	/**
	 * Takes a new number for the account (unverified until its code comes back) and texts
	 * it a code.
	 * @param address the client address asking, for the per-address limit
	 */
	@Transactional
	public void register(UUID accountId, String typed, String address) {
		if (!texting.enabled()) {
			throw Refusal.of("number", "Texting is not switched on for this practice.");
		}
		E164 number;
		try {
			number = numbers.parse(typed);
		}
		catch (IllegalArgumentException ex) {
			throw Refusal.of("number", ex.getMessage());
		}
		boolean takenByOther = jdbc.sql(
				"select count(*) from text_number where e164 = :e164 and verified_at is not null and account_id <> :id")
			.param("e164", number.value())
			.param("id", accountId)
			.query(Long.class)
			.single() > 0;
		// Said plainly but without naming whose it is.
		Refusal.when(takenByOther, "number", "This number is already in use in Haven. Enter another mobile number.");
		Refusal.when(recipients.optedOut(number.value()), "number",
				"This number asked for no texts from Haven (it sent STOP). Text START to " + practiceNumber()
						+ " from it first, then try again.");
		limitCodes(number, accountId, address);
		String code = String.format("%06d", random.nextInt(1_000_000));
		Instant now = clock.instant();
		jdbc.sql("""
				insert into text_number (account_id, e164, code_hash, code_expires_at, code_failures, updated_at)
				values (:id, :e164, :hash, :expires, 0, :now)
				on conflict (account_id) do update set e164 = excluded.e164, verified_at = null,
				code_hash = excluded.code_hash, code_expires_at = excluded.code_expires_at, code_failures = 0,
				reminders = false, clinical = false, clinical_since = null, updated_at = excluded.updated_at""")
			.param("id", accountId)
			.param("e164", number.value())
			.param("hash", hash(accountId, number, code))
			.param("expires", Timestamps.utc(now.plus(CODE_LIFE)))
			.param("now", Timestamps.utc(now))
			.update();
		jdbc.sql("insert into text_code_send (e164, account_id, address, sent_at) values (:e164, :id, :address, :now)")
			.param("e164", number.value())
			.param("id", accountId)
			.param("address", address == null ? "" : address)
			.param("now", Timestamps.utc(now))
			.update();
		texting.send(number.value(), accountId, Purpose.CODE,
				"Haven: your code is " + code
						+ ". It expires in 10 minutes. If you did not ask for it, ignore this text.",
				now.plus(CODE_LIFE));
		audit.record(AuditTrail.account(accountId), "TEXT_NUMBER_CODE_SENT", "account:" + accountId);
	}

	private void limitCodes(E164 number, UUID accountId, String address) {
		OffsetDateTime hourAgo = Timestamps.utc(clock.instant().minus(Duration.ofHours(1)));
		long perNumber = count("e164 = :v", number.value(), hourAgo);
		long perAccount = count("account_id = :v", accountId, hourAgo);
		long perAddress = count("address = :v", address == null ? "" : address, hourAgo);
		Refusal.when(perNumber >= CODES_PER_NUMBER || perAccount >= CODES_PER_ACCOUNT || perAddress >= codesPerAddress,
				"number", "Too many codes were sent in the last hour. Try again in an hour.");
	}

	private long count(String where, Object value, OffsetDateTime since) {
		return jdbc.sql("select count(*) from text_code_send where " + where + " and sent_at > :since")
			.param("v", value)
			.param("since", since)
			.query(Long.class)
			.single();
	}

	/**
	 * Checks the code the person read on their phone; the number is verified when it
	 * matches.
	 */
	@Transactional(noRollbackFor = WrongCode.class)
	public void verify(UUID accountId, String typed) {
		String code = typed == null ? "" : typed.replaceAll("\\s", "");
		Refusal.when(!code.matches("[0-9]{6}"), "code", "Enter the six digits of the code Haven texted you.");
		record Pending(E164 number, String hash, Instant expires, int failures) {
		}
		Pending pending = jdbc.sql("""
				select e164, code_hash, code_expires_at, code_failures from text_number
				where account_id = :id and verified_at is null and code_hash is not null for update""")
			.param("id", accountId)
			.query((rs, n) -> new Pending(new E164(rs.getString(1)), rs.getString(2),
					rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getInt(4)))
			.optional()
			.orElseThrow(() -> Refusal.of("code", "There is no code waiting: enter your number to get one."));
		if (pending.failures() >= CODE_TRIES || clock.instant().isAfter(pending.expires())) {
			throw Refusal.of("code", "This code has expired. Send a new one.");
		}
		if (!MessageDigest.isEqual(pending.hash().getBytes(StandardCharsets.US_ASCII),
				hash(accountId, pending.number(), code).getBytes(StandardCharsets.US_ASCII))) {
			jdbc.sql("update text_number set code_failures = code_failures + 1 where account_id = :id")
				.param("id", accountId)
				.update();
			int left = CODE_TRIES - pending.failures() - 1;
			// Committed despite the refusal: a wrong code counts (noRollbackFor below).
			throw new WrongCode(left <= 0 ? "This code has expired. Send a new one."
					: "That code is not right. " + left + (left == 1 ? " try" : " tries") + " left.");
		}
		boolean takenByOther = jdbc.sql(
				"select count(*) from text_number where e164 = :e164 and verified_at is not null and account_id <> :id")
			.param("e164", pending.number().value())
			.param("id", accountId)
			.query(Long.class)
			.single() > 0;
		Refusal.when(takenByOther, "code", "This number is already in use in Haven. Enter another mobile number.");
		jdbc.sql("""
				update text_number set verified_at = :now, code_hash = null, code_expires_at = null, code_failures = 0,
				updated_at = :now where account_id = :id""")
			.param("now", Timestamps.utc(clock.instant()))
			.param("id", accountId)
			.update();
		audit.record(AuditTrail.account(accountId), "TEXT_NUMBER_VERIFIED", "account:" + accountId);
	}

	/**
	 * Saves what the person wants by text. Clinical texting is for clients, on a verified
	 * number, acknowledging that texts are not end-to-end private, and into one of their
	 * own active care relationships.
	 */
	@Transactional
	public void choose(UUID accountId, boolean reminders, boolean clinical, boolean privacyUnderstood,
			UUID conversationId) {
		Settings settings = of(accountId).filter(Settings::verified)
			.orElseThrow(() -> Refusal.of("number", "Verify your number first."));
		AccountSummary account = accounts.find(accountId).orElseThrow();
		UUID target = null;
		if (clinical) {
			Refusal.when(account.role() != Role.CLIENT, "clinical",
					"Texting with a therapist is for clients; therapists answer from the chat page.");
			Refusal.when(!privacyUnderstood, "privacyUnderstood",
					"Tick the box to say you understand that texts are not end-to-end private.");
			List<CareRelationships.Party> active = care.partiesOf(accountId)
				.stream()
				.filter(CareRelationships.Party::active)
				.filter(p -> p.isClient(accountId))
				.toList();
			Refusal.when(active.isEmpty(), "clinical", "You can text a therapist once you are in care with one.");
			if (conversationId == null && active.size() == 1) {
				target = active.get(0).relationshipId();
			}
			else {
				UUID chosen = conversationId;
				target = active.stream()
					.map(CareRelationships.Party::relationshipId)
					.filter(id -> id.equals(chosen))
					.findFirst()
					.orElseThrow(() -> Refusal.of("conversationId", "Choose which therapist your texts go to."));
			}
		}
		Instant now = clock.instant();
		jdbc.sql("""
				update text_number set reminders = :reminders, clinical = :clinical,
				clinical_since = case when :clinical then coalesce(clinical_since, :now) else null end,
				conversation_id = :conversation, updated_at = :now where account_id = :id""")
			.param("reminders", reminders)
			.param("clinical", clinical)
			.param("now", Timestamps.utc(now))
			.param("conversation", target)
			.param("id", accountId)
			.update();
		if (clinical != settings.clinical() || (clinical && !target.equals(settings.conversationId()))) {
			audit.record(AuditTrail.account(accountId),
					clinical ? "TEXTING_CONSENT_GIVEN" : "TEXTING_CONSENT_WITHDRAWN", "account:" + accountId,
					clinical ? "conversation:" + target : null);
		}
	}

	/** Forgets the account's number and choices. */
	@Transactional
	public void remove(UUID accountId) {
		if (jdbc.sql("delete from text_number where account_id = :id").param("id", accountId).update() > 0) {
			audit.record(AuditTrail.account(accountId), "TEXT_NUMBER_REMOVED", "account:" + accountId);
		}
	}

	/** The client whose verified number this is, with where their texts go, if any. */
	Optional<Owner> owner(E164 number) {
		return jdbc.sql("""
				select account_id, clinical, conversation_id from text_number where e164 = :e164
				and verified_at is not null""")
			.param("e164", number.value())
			.query((rs, n) -> new Owner((UUID) rs.getObject(1), rs.getBoolean(2), (UUID) rs.getObject(3)))
			.optional();
	}

	/**
	 * The client's number when they text with their therapist in this conversation:
	 * verified, clinical texting chosen for it, and not opted out.
	 */
	public Optional<E164> clinicalNumber(UUID clientId, UUID conversationId) {
		return jdbc.sql("""
				select e164 from text_number where account_id = :id and verified_at is not null and clinical
				and conversation_id = :conversation""")
			.param("id", clientId)
			.param("conversation", conversationId)
			.query(String.class)
			.optional()
			.filter(e164 -> !recipients.optedOut(e164))
			.map(E164::new);
	}

	String practiceNumber() {
		return texting.sourceShown();
	}

	private static String hash(UUID accountId, E164 number, String code) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update((accountId + "|" + number.value() + "|" + code).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * @param codeSent a code is waiting to be typed in
	 * @param optedOut the number texted STOP
	 */
	public record Settings(E164 number, String shown, boolean verified, boolean codeSent, boolean reminders,
			boolean clinical, UUID conversationId, boolean optedOut) {
	}

	record Owner(UUID accountId, boolean clinical, UUID conversationId) {
	}

	/** A wrong code: refused, but the failure it counts is kept. */
	static final class WrongCode extends Refusal {

		private static final long serialVersionUID = 1L;

		WrongCode(String message) {
			super("code", message, org.springframework.http.HttpStatus.BAD_REQUEST);
		}

	}

}
