package org.haven.records.internal;

import org.jspecify.annotations.Nullable;

/**
 * The answers of a client's intake questionnaire, as typed: a question not answered yet
 * is null or blank. Yes-or-no questions hold {@code yes} or {@code no}.
 *
 * @param harmSelf thoughts of harming themselves in the past month
 * @param harmOthers thoughts of harming someone else in the past month
 */
public record IntakeAnswers(@Nullable String preferredName, @Nullable String pronouns, @Nullable String dateOfBirth,
		@Nullable String genderIdentity, @Nullable String occupation, @Nullable String concerns,
		@Nullable String previousTherapy, @Nullable String medicalConditions, @Nullable String medication,
		@Nullable String harmSelf, @Nullable String harmSelfDetails, @Nullable String harmOthers,
		@Nullable String harmOthersDetails, @Nullable String emergencyName, @Nullable String emergencyPhone,
		@Nullable String emergencyRelationship) {

	/** A questionnaire nobody has started. */
	public static IntakeAnswers none() {
		return new IntakeAnswers(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
				null, null);
	}

}
