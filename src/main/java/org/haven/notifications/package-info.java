/**
 * What is sent to whom, when and on which channel: appointment notices with calendar
 * invitations, reminders before sessions, and each user's choices. Sits on top of the
 * other modules and listens to their events through the event publication registry (the
 * outbox). Notices carry no health data.
 */
@ApplicationModule(displayName = "Notifications",
		allowedDependencies = { "shared", "audit", "identity", "directory", "scheduling", "messaging", "texting" })
package org.haven.notifications;

import org.springframework.modulith.ApplicationModule;
