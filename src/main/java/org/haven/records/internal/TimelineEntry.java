package org.haven.records.internal;

import java.time.Instant;

/**
 * One line of a client's chart timeline.
 *
 * @param kind what it is: {@code session}, {@code note}, {@code measure}, {@code plan},
 * {@code safety}, {@code letter}, {@code intake}
 * @param title what the line says, in words people use (a letter shows its subject only)
 * @param href the page that shows it in full, or {@code null}
 */
public record TimelineEntry(Instant at, String kind, String title, String href) {
}
