package org.haven.care.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.haven.care.IntakeFacts;
import org.haven.identity.AccountSummary;
import org.haven.identity.Accounts;
import org.haven.identity.Role;
import org.haven.shared.web.Refusal;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Intake: a client asks a therapist for care, and the therapist accepts or declines. What
 * a client writes is shown only to the two parties, and stored encrypted with every read
 * audited ({@link CareRequests}). Someone who is not a party learns nothing, not even
 * that a request exists: lookups answer "not found" for them. Accepting starts a care
 * relationship ({@link Relationships}) in the same transaction.
 */
@Service
@Transactional
public class Intake implements IntakeFacts {

	private final CareRequests requests;

	private final Relationships relationships;

	private final RequestChecks checks;

	private final Accounts accounts;

	Intake(CareRequests requests, Relationships relationships, RequestChecks checks, Accounts accounts) {
		this.requests = requests;
		this.relationships = relationships;
		this.checks = checks;
		this.accounts = accounts;
	}

	public UUID request(UUID clientId, UUID therapistId, RequestForm form) {
		AccountSummary therapist = accounts.find(therapistId)
			.filter(a -> a.role() == Role.THERAPIST && a.active())
			.orElseThrow(() -> Refusal.of("therapist", "This therapist cannot be asked for care."));
		Answers answers = checks.answers(therapistId, form);
		boolean open = requests.waiting(clientId, therapistId);
		if (open || relationships.active(clientId, therapistId).isPresent()) {
			throw Refusal.of("therapist", "You already have " + (open ? "a request waiting with" : "care with") + " "
					+ therapist.displayName() + ".");
		}
		return requests.insert(clientId, therapistId, answers);
	}

	/** A request, for one of its two parties only; the read is audited. */
	public Optional<CareRequest> requestFor(UUID viewerId, UUID requestId) {
		return requests.readBy(viewerId, requestId);
	}

	/**
	 * Requests sent by a client, newest first (their own words are not needed for the
	 * list).
	 */
	@Transactional(readOnly = true)
	public List<Summary> requestsOf(UUID clientId) {
		return summaries("client_id = :id order by created_at desc", clientId);
	}

	/** Requests waiting for a therapist's answer, oldest first. */
	@Transactional(readOnly = true)
	public List<Summary> pendingFor(UUID therapistId) {
		return summaries("therapist_id = :id and status = 'PENDING' order by created_at", therapistId);
	}

	private List<Summary> summaries(String predicate, UUID accountId) {
		return requests.where(predicate, Map.of("id", accountId))
			.stream()
			.map(r -> new Summary(r.id(), r.clientId(), name(r.clientId()), r.therapistId(), name(r.therapistId()),
					r.status(), r.createdAt()))
			.toList();
	}

	public UUID accept(UUID therapistId, UUID requestId, String message) {
		CareRequest request = pendingForTherapist(therapistId, requestId);
		requests.decide(request, CareRequest.Status.ACCEPTED, answer(message));
		return relationships.start(requestId, request.clientId(), therapistId);
	}

	public void decline(UUID therapistId, UUID requestId, String message) {
		CareRequest request = pendingForTherapist(therapistId, requestId);
		if (message == null || message.isBlank()) {
			throw Refusal.of("message", "Tell the client why, and where they might find help instead.");
		}
		requests.decide(request, CareRequest.Status.DECLINED, answer(message));
	}

	public boolean withdraw(UUID clientId, UUID requestId) {
		return requests.withdraw(clientId, requestId);
	}

	private CareRequest pendingForTherapist(UUID therapistId, UUID requestId) {
		return requests.toTherapist(therapistId, requestId)
			.filter(CareRequest::pending)
			.orElseThrow(() -> Refusal.of("request", "This request is no longer waiting for an answer."));
	}

	private static String answer(String message) {
		return message == null || message.isBlank() ? null : RequestChecks.text("message", message, 2000, true, "");
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<String> jurisdictionOf(UUID clientId) {
		return requests.latestJurisdiction(clientId);
	}

	public String name(UUID accountId) {
		return accounts.find(accountId).map(AccountSummary::displayName).orElse("(unknown)");
	}

	/** What a client types into the request form, as typed. */
	public record RequestForm(String reason, List<String> modalities, String jurisdiction, String location,
			String emergencyContact) {
	}

	/** The answers of a request form once checked and normalised. */
	record Answers(String reason, List<String> modalities, String jurisdiction, String location,
			String emergencyContact) {
	}

	public record Summary(UUID id, UUID clientId, String clientName, UUID therapistId, String therapistName,
			CareRequest.Status status, Instant createdAt) {

		/**
		 * The day it was sent, written as Haven writes days: "Saturday 28 November 2026".
		 */
		public String sentOn() {
			return DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH)
				.format(createdAt.atZone(ZoneOffset.UTC));
		}
	}

}
