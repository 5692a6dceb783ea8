package org.haven.audit;

import org.jspecify.annotations.Nullable;

/**
 * The result of walking the whole chain.
 *
 * @param intact whether every entry hashes to what it claims and links to its predecessor
 * @param entriesChecked how many entries were read
 * @param firstBrokenId the first entry at which the chain breaks, or {@code null}
 * @param problem what is wrong there, or {@code null}
 */
public record ChainVerification(boolean intact, long entriesChecked, @Nullable Long firstBrokenId,
		@Nullable String problem) {

	static ChainVerification ok(long checked) {
		return new ChainVerification(true, checked, null, null);
	}

	static ChainVerification broken(long checked, long id, String problem) {
		return new ChainVerification(false, checked, id, problem);
	}
}
