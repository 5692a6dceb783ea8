package org.haven.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a crash did to the messages, counted against what each conversation holds when it
 * is read back at the end.
 *
 * @param acknowledged client id -> the ack received for it
 * @param sent the client ids of every message sent
 * @param stored conversation -> its items, read back from the start
 */
record CrashTally(Map<String, ChatLoad.Ack> acknowledged, List<String> sent,
		Map<String, List<ChatLoad.Stored>> stored) {

	/** Acknowledged, and not in its conversation afterwards. */
	List<String> lost() {
		return acknowledged.keySet().stream().filter(id -> stored(id).isEmpty()).toList();
	}

	/** Sent once, stored more than once. */
	List<String> duplicated() {
		return sent.stream().filter(id -> stored(id).size() > 1).toList();
	}

	/** A sequence number acknowledged for one message that now holds another. */
	List<String> reused() {
		List<String> reused = new ArrayList<>();
		acknowledged.forEach((id, ack) -> stored.get(ack.conversation())
			.stream()
			.filter(s -> s.seq() == ack.seq() && !s.clientId().equals(id))
			.forEach(s -> reused.add(ack.conversation() + "#" + ack.seq())));
		return reused;
	}

	/** Sent, and not stored after the resend (the resend must have saved it). */
	List<String> missing() {
		return sent.stream().filter(id -> stored(id).isEmpty()).toList();
	}

	private List<ChatLoad.Stored> stored(String clientId) {
		return stored.values().stream().flatMap(List::stream).filter(s -> s.clientId().equals(clientId)).toList();
	}

}
