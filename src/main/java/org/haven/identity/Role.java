package org.haven.identity;

/** What an account is for. Therapists and admins must use a second factor. */
public enum Role {

	CLIENT, THERAPIST, ADMIN;

	public boolean requiresSecondFactor() {
		return this != CLIENT;
	}

	public String authority() {
		return "ROLE_" + name();
	}

}
