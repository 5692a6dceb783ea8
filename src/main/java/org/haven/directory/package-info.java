/**
 * Therapist profiles and the directory clients search: licences by jurisdiction,
 * modalities offered, specialties, approaches and languages.
 */
@ApplicationModule(displayName = "Directory", allowedDependencies = { "shared", "audit", "identity" })
package org.haven.directory;

import org.springframework.modulith.ApplicationModule;
