package org.haven.records.internal;

import java.util.Arrays;
import java.util.Optional;

/** Where a problem, goal or objective of a treatment plan stands, in words people use. */
public enum PlanStatus {

	ACTIVE("Active"), ACHIEVED("Achieved"), REVISED("Revised"), DISCONTINUED("Discontinued");

	private final String label;

	PlanStatus(String label) {
		this.label = label;
	}

	public String label() {
		return label;
	}

	/** The status a form or the API names, by its code. */
	static Optional<PlanStatus> parse(String code) {
		return Arrays.stream(values()).filter(s -> s.name().equals(code)).findFirst();
	}

}
