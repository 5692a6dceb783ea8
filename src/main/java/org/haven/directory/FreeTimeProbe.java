package org.haven.directory;

import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;

/**
 * Which therapists a client could book soon. The directory searches by it but may not
 * depend on scheduling, which knows the answer (scheduling depends on the directory), so
 * scheduling provides the implementation. The directory works without one; it then does
 * not offer the filter.
 */
public interface FreeTimeProbe {

	/**
	 * Those of {@code therapistIds} with at least one bookable time starting from
	 * {@code from} and before {@code until}.
	 */
	Set<UUID> withFreeTime(Collection<UUID> therapistIds, Instant from, Instant until);

}
