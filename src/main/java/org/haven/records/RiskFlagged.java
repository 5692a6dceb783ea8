package org.haven.records;

import java.util.UUID;

/**
 * A client's answers raised a risk: published once per submission (a retried submission
 * does not raise it again). Ids only: listeners read what they are allowed to.
 *
 * @param submissionId the questionnaire response that raised it
 */
public record RiskFlagged(UUID flagId, UUID submissionId, UUID clientId, UUID therapistId) {
}
