package org.haven.directory.internal;

import org.haven.shared.web.Refusal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.haven.audit.AuditTrail;
import org.haven.directory.Modality;
import org.haven.directory.TherapistDirectory;
import org.haven.identity.Accounts;
import org.haven.identity.AccountSummary;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Therapists keep their profile; {@link TherapistSearch} finds the published ones for
 * clients.
 */
@Service
public class Profiles implements TherapistDirectory {

	static final int MAX_LICENCES = 20;

	private final ProfileStore store;

	private final Accounts accounts;

	private final AuditTrail audit;

	private final Clock clock;

	Profiles(ProfileStore store, Accounts accounts, AuditTrail audit, Clock clock) {
		this.store = store;
		this.accounts = accounts;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public Optional<Profile> find(UUID accountId) {
		return store.load(accountId);
	}

	/** A published profile of an active therapist, as clients may see it. */
	@Transactional(readOnly = true)
	public Optional<Profile> findPublished(UUID accountId) {
		return store.load(accountId).filter(Profile::published).filter(p -> active(p.accountId()));
	}

	/** The therapist's profile, or a new one to fill in. */
	@Transactional(readOnly = true)
	public Profile forEditing(UUID accountId) {
		return store.load(accountId)
			.orElseGet(() -> new Profile(accountId,
					accounts.find(accountId).map(AccountSummary::displayName).orElse(""), null, null, null, null, true,
					"UTC", false, Set.of(), Set.of(), Set.of(), Set.of(), List.of()));
	}

	@Transactional
	public Profile save(UUID accountId, ProfileForm form) {
		Set<Modality> modalities = EnumSet.noneOf(Modality.class);
		for (String value : form.modalities() == null ? List.<String>of() : form.modalities()) {
			modalities.add(Modality.parse(value)
				.orElseThrow(() -> Refusal.of("modalities", "Unknown modality: choose from the list.")));
		}
		Profile current = forEditing(accountId);
		Profile profile = new Profile(accountId,
				Texts.required("displayName", form.displayName(), 100, "the name clients will see"),
				Texts.optional("pronouns", form.pronouns(), 40), Texts.optionalMultiline("bio", form.bio(), 4000),
				Texts.optional("fee", form.fee(), 200), Texts.optional("slidingScale", form.slidingScale(), 300),
				form.acceptingNewClients(), timeZone(form.timeZone()), form.published(), modalities,
				Vocabulary.check("specialties", form.specialties(), Vocabulary.SPECIALTIES, "specialty"),
				Vocabulary.check("approaches", form.approaches(), Vocabulary.APPROACHES, "approach"),
				Vocabulary.check("languages", form.languages(), Vocabulary.LANGUAGES, "language"), current.licences());
		if (profile.published()) {
			if (modalities.isEmpty()) {
				throw Refusal.of("modalities", "Choose at least one way to meet before publishing your profile.");
			}
			if (current.licences().isEmpty()) {
				throw Refusal.of("published", "Add a licence before publishing your profile.");
			}
		}
		store.save(profile, clock.instant());
		audit.record(AuditTrail.account(accountId), "THERAPIST_PROFILE_SAVED", AuditTrail.account(accountId),
				profile.published() ? "published" : "unpublished");
		return profile;
	}

	@Transactional
	public void addLicence(UUID accountId, String jurisdiction, String type, String number, String expiresOn) {
		String place = Jurisdictions.parse("jurisdiction", jurisdiction);
		String licenceType = Texts.required("licenceType", type, 80,
				"the type of licence, such as LMFT or HCPC practitioner psychologist");
		String licenceNumber = Texts.required("number", number, 60, "the licence number");
		LocalDate expiry;
		try {
			expiry = LocalDate.parse(expiresOn == null ? "" : expiresOn.trim());
		}
		catch (DateTimeParseException ex) {
			throw Refusal.of("expiresOn", "Enter the expiry date as YYYY-MM-DD, for example 2027-06-30.");
		}
		if (expiry.isBefore(LocalDate.now(clock))) {
			throw Refusal.of("expiresOn", "This licence has expired already.");
		}
		ensureStored(accountId);
		if (store.licenceCount(accountId) >= MAX_LICENCES) {
			throw Refusal.of("jurisdiction", "A profile holds at most " + MAX_LICENCES + " licences.");
		}
		store.addLicence(accountId, new Profile.Licence(UUID.randomUUID(), place, licenceType, licenceNumber, expiry));
		audit.record(AuditTrail.account(accountId), "LICENCE_ADDED", AuditTrail.account(accountId), place);
	}

	@Transactional
	public boolean removeLicence(UUID accountId, UUID licenceId) {
		boolean removed = store.removeLicence(accountId, licenceId);
		if (removed) {
			audit.record(AuditTrail.account(accountId), "LICENCE_REMOVED", AuditTrail.account(accountId));
		}
		return removed;
	}

	@Override
	@Transactional(readOnly = true)
	public boolean licensedIn(UUID therapistId, String jurisdiction, LocalDate on) {
		return store.licensedIn(therapistId, jurisdiction, on);
	}

	@Override
	@Transactional(readOnly = true)
	public boolean offers(UUID therapistId, Modality modality) {
		return store.hasTag(therapistId, "MODALITY", modality.name());
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<ZoneId> timeZone(UUID therapistId) {
		return store.load(therapistId).map(p -> ZoneId.of(p.timeZone()));
	}

	@Override
	@Transactional(readOnly = true)
	public Fees fees(UUID therapistId) {
		return store.load(therapistId)
			.map(p -> new Fees(blankToNull(p.fee()), blankToNull(p.slidingScale())))
			.orElse(new Fees(null, null));
	}

	private static String blankToNull(String text) {
		return text == null || text.isBlank() ? null : text.strip();
	}

	/**
	 * Licences and the photo hang off the profile row: a therapist may add them before
	 * saving the rest.
	 */
	void ensureStored(UUID accountId) {
		if (store.load(accountId).isEmpty()) {
			store.save(forEditing(accountId), clock.instant());
		}
	}

	@Override
	@Transactional(readOnly = true)
	public Map<UUID, ZoneId> timeZones(Collection<UUID> therapistIds) {
		Map<UUID, ZoneId> zones = new HashMap<>();
		store.timeZones(therapistIds).forEach((id, zone) -> zones.put(id, ZoneId.of(zone)));
		return zones;
	}

	private boolean active(UUID accountId) {
		return accounts.find(accountId).map(AccountSummary::active).orElse(false);
	}

	static String timeZone(String raw) {
		String zone = raw == null ? "" : raw.trim();
		if (zone.isEmpty() || zone.length() > 64 || !zone.contains("/") && !zone.equals("UTC")
				|| !ZoneId.getAvailableZoneIds().contains(zone)) {
			throw Refusal.of("timeZone", "Choose a time zone such as America/New_York or Europe/London.");
		}
		return zone;
	}

	public record ProfileForm(String displayName, String pronouns, String bio, String fee, String slidingScale,
			boolean acceptingNewClients, String timeZone, boolean published, List<String> modalities,
			List<String> specialties, List<String> approaches, List<String> languages) {
	}

}
