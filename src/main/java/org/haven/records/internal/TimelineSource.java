package org.haven.records.internal;

import java.util.List;

/**
 * A part of the record that shows on a client's chart timeline (sessions, notes,
 * measures, plan changes, safety events, letters). The chart asks every source and merges
 * their entries newest first, so a new part of the record adds itself without editing the
 * chart.
 */
public interface TimelineSource {

	/**
	 * The entries this reader may see of the client's record, in any order. Called only
	 * for a reader {@link ChartAccess} allowed; the chart audits the read.
	 */
	List<TimelineEntry> entries(ChartAccess.Reader reader);

}
