/**
 * Video and audio sessions in the browser: the visit room of an appointment, the waiting
 * room with the client's check-in, WebRTC signaling over /ws between the two admitted
 * parties, ICE servers with short-lived TURN credentials, and the record of each visit.
 */
@ApplicationModule(displayName = "Visits",
		allowedDependencies = { "shared", "audit", "identity", "directory", "care", "scheduling" })
package org.haven.visits;

import org.springframework.modulith.ApplicationModule;
