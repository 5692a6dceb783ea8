/**
 * Intake requests and care relationships, the authorization root for everything clinical:
 * only a relationship's client and therapist may see its appointments, messages, visits
 * and records.
 */
@ApplicationModule(displayName = "Care", allowedDependencies = { "shared", "audit", "identity", "directory" })
package org.haven.care;

import org.springframework.modulith.ApplicationModule;
