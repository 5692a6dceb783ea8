/**
 * The clinical record of each client: intake questionnaire, session notes, treatment
 * plan, outcome measures (PHQ-9, GAD-7) with their risk alerts, safety plan, the chart
 * that shows them over time, its export, and emergency ("break-glass") access. Only the
 * client's treating therapist reads it, the client reads what is theirs to see, and an
 * admin only through break-glass; every read is audited and every stored word encrypted.
 */
@ApplicationModule(displayName = "Records", allowedDependencies = { "shared", "audit", "identity", "directory", "care",
		"scheduling", "visits", "messaging" })
package org.haven.records;

import org.springframework.modulith.ApplicationModule;
