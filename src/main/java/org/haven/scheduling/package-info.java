/**
 * Availability and appointments: weekly rules, exceptions, slots in the viewer's time
 * zone, bookings.
 */
@ApplicationModule(displayName = "Scheduling",
		allowedDependencies = { "shared", "audit", "identity", "directory", "care" })
package org.haven.scheduling;

import org.springframework.modulith.ApplicationModule;
