package org.haven.records.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

import org.haven.identity.CurrentAccount;
import org.haven.records.internal.ChartAccess;
import org.haven.shared.time.Timestamps;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * What the record's pages and API share: the reader or writer a request acts as, or "not
 * found" for anyone without a right to the record (never "forbidden": a stranger learns
 * nothing, not even that the client exists), and times as pages show them.
 */
@Component
class RecordPages {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'",
			Locale.ENGLISH);

	private final ChartAccess access;

	RecordPages(ChartAccess access) {
		this.access = access;
	}

	ChartAccess.Reader reader(CurrentAccount me, UUID clientId) {
		return access.reader(me, clientId).orElseThrow(RecordPages::notFound);
	}

	/** The client themself, for what only they write (their questionnaire). */
	ChartAccess.Reader client(CurrentAccount me, UUID clientId) {
		return access.reader(me, clientId).filter(ChartAccess.Reader::isClient).orElseThrow(RecordPages::notFound);
	}

	ChartAccess.Reader writer(CurrentAccount me, UUID clientId) {
		return access.writer(me, clientId).orElseThrow(RecordPages::notFound);
	}

	boolean mayWrite(CurrentAccount me, UUID clientId) {
		return access.writer(me, clientId).isPresent();
	}

	static ResponseStatusException notFound() {
		return new ResponseStatusException(HttpStatus.NOT_FOUND);
	}

	static When when(Instant at) {
		return at == null ? null : new When(Timestamps.html(at), WHEN.format(at.atZone(ZoneOffset.UTC)));
	}

	/** A time for {@code <time datetime>} and in words. */
	record When(String iso, String text) {
	}

}
