package org.haven.scheduling;

import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

import org.haven.directory.Modality;

/**
 * An appointment as other modules see it: who, when, how, and nothing clinical.
 *
 * @param sequence grows with every change, as iCalendar's SEQUENCE must
 * @param therapistZone the zone the therapist works in, the session's home zone
 */
public record AppointmentDetails(UUID id, UUID clientId, UUID therapistId, Modality modality, Instant start,
		Instant end, boolean cancelled, int sequence, ZoneId therapistZone) {

	public boolean involves(UUID accountId) {
		return clientId.equals(accountId) || therapistId.equals(accountId);
	}

	public JoinWindow joinWindow() {
		return JoinWindow.of(start, end);
	}
}
