package org.haven.messaging;

import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * What each person's chat page holds, by conversation: the sequence numbers of the items
 * it has, and how each first reached it. The page outlives its socket, as a tab that
 * reconnects does.
 */
final class Timelines {

	/** How an item first reached a page. */
	enum Way {

		/** The ack of the person's own message. */
		ACK,
		/** A chat-item pushed while the page was connected. */
		LIVE,
		/** The answer to opening the conversation without {@code after}. */
		OPENED,
		/** Asked for after the watermark: after a reconnect, or for a gap. */
		CAUGHT_UP

	}

	private final Map<String, Map<String, NavigableMap<Long, Way>>> held = new ConcurrentHashMap<>();

	void add(String person, String conversation, long seq, Way way) {
		items(person, conversation).putIfAbsent(seq, way);
	}

	/**
	 * The page's watermark: the highest number up to which it has every item (sequence
	 * numbers start at 1 and, without edits, each change takes the next one).
	 */
	long watermark(String person, String conversation) {
		NavigableMap<Long, Way> items = items(person, conversation);
		long mark = 0;
		while (items.containsKey(mark + 1)) {
			mark++;
		}
		return mark;
	}

	Set<Long> held(String person, String conversation) {
		return items(person, conversation).keySet();
	}

	/** How many items reached this person's pages in this way. */
	long count(String person, Way way) {
		return held.getOrDefault(person, Map.of())
			.values()
			.stream()
			.flatMap(items -> items.values().stream())
			.filter(way::equals)
			.count();
	}

	private NavigableMap<Long, Way> items(String person, String conversation) {
		return held.computeIfAbsent(person, k -> new ConcurrentHashMap<>())
			.computeIfAbsent(conversation, k -> new ConcurrentSkipListMap<>());
	}

}
