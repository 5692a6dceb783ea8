/**
 * Therapist profiles and the directory clients search: licences by jurisdiction,
 * modalities offered, specialties, approaches and languages.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Directory",
		allowedDependencies = { "shared", "audit", "identity" })
package org.haven.directory;
