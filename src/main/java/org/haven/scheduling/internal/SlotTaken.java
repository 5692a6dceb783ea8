package org.haven.scheduling.internal;

import org.haven.shared.web.Refusal;
import org.springframework.http.HttpStatus;

/** Someone else booked the slot a moment earlier (HTTP 409 on the API). */
public class SlotTaken extends Refusal {

	public SlotTaken() {
		super("start", "This time was just taken by someone else. Please choose another.", HttpStatus.CONFLICT);
	}

}
