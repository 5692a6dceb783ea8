package org.haven.directory.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.haven.directory.Modality;

/** A therapist's public profile as stored and shown. */
public record Profile(UUID accountId, String displayName, String pronouns, String bio, String fee, String slidingScale,
		boolean acceptingNewClients, String timeZone, boolean published, Set<Modality> modalities,
		Set<String> specialties, Set<String> approaches, Set<String> languages, List<Licence> licences) {

	/**
	 * This profile with the given licences (a form that was typed has none of its own).
	 */
	public Profile withLicences(List<Licence> licences) {
		return new Profile(accountId, displayName, pronouns, bio, fee, slidingScale, acceptingNewClients, timeZone,
				published, modalities, specialties, approaches, languages, licences);
	}

	public record Licence(UUID id, String jurisdiction, String type, String number, LocalDate expiresOn) {

		public boolean validOn(LocalDate date) {
			return !expiresOn.isBefore(date);
		}
	}
}
