package org.haven.scheduling;

/**
 * Where an appointment stands. Stored by name in {@code appointment.status}, whose check
 * constraint lists the same names.
 */
public enum AppointmentStatus {

	BOOKED, CANCELLED

}
