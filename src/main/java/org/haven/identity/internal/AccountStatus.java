package org.haven.identity.internal;

public enum AccountStatus {

	PENDING_VERIFICATION, ACTIVE, DISABLED

}
