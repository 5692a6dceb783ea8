package org.haven.scheduling.internal;

/** Someone else booked the slot a moment earlier (HTTP 409 on the API). */
public class SlotTaken extends RuntimeException {

	public SlotTaken() {
		super("This time was just taken by someone else. Please choose another.");
	}

}
