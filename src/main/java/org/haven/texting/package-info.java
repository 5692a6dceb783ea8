/**
 * Text messages (SMS) over SMPP 3.4: the link to the practice's SMSC, texts stored
 * encrypted before they are sent and sent from that store, delivery receipts, and in the
 * embedded default an in-process SMSC with a page showing what Haven sent.
 */
@ApplicationModule(displayName = "Texting",
		allowedDependencies = { "shared", "audit", "identity", "care", "messaging" })
package org.haven.texting;

import org.springframework.modulith.ApplicationModule;
