/**
 * Chat therapy and letters ("email therapy"): one conversation per care relationship,
 * holding live chat messages and letters in one timeline, with attachments and receipts.
 * Everything written is stored encrypted before the sender is told it was sent, and only
 * the relationship's two parties see it.
 */
@ApplicationModule(displayName = "Messaging", allowedDependencies = { "shared", "audit", "identity", "care" })
package org.haven.messaging;

import org.springframework.modulith.ApplicationModule;
