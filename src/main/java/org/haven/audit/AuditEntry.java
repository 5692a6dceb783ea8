package org.haven.audit;

import java.time.Instant;

/**
 * One entry of the trail. {@code hash} covers every other field and the previous entry's
 * hash.
 */
public record AuditEntry(long id, Instant occurredAt, String actor, String action, String subject, String detail,
		String prevHash, String hash) {
}
