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

	public record Licence(UUID id, String jurisdiction, String type, String number, LocalDate expiresOn) {

		public boolean validOn(LocalDate date) {
			return !expiresOn.isBefore(date);
		}
	}
}
