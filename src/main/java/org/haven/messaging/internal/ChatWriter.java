package org.haven.messaging.internal;

import org.haven.shared.web.Refusal;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.haven.messaging.internal.Posting.NewChat;
import org.haven.messaging.internal.Posting.Outcome;
import org.haven.messaging.internal.Posting.Posted;
import org.haven.messaging.internal.Item.Kind;
import org.haven.shared.realtime.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import tools.jackson.databind.util.RawValue;

/**
 * Stores chat messages with group commit. Each conversation belongs to one of
 * {@code haven.chat.writers} writers ({@link #WRITERS} by default; by the conversation's
 * id), each with its own queue and thread: the thread takes everything of its
 * conversations that has arrived (while it was committing the group before) and stores
 * the plain messages of it in one transaction, then acknowledges and pushes each, in
 * queue order. So a message is still stored before anyone hears of it, a conversation's
 * messages keep the order they were sent in (one thread stores them), and a busy node
 * commits once per group instead of once per message. While one writer waits for its
 * commit to reach the disk, the others gather and store theirs, and PostgreSQL flushes
 * commits that wait together at once: one group's fsync no longer holds up the next
 * ({@code docs/adr/0011-several-chat-writers.md}). A message with files is stored on its
 * own, in its turn.
 *
 * <p>
 * The group is stored and pushed under the {@link ChatHub} locks of all its
 * conversations, so that pushes from the other paths (edits, deletions, letters, texts)
 * and from this one reach every connection in sequence order. Two writers never share a
 * conversation, so they never wait for each other's locks.
 */
@Component
class ChatWriter implements SmartLifecycle {

	static final int QUEUE = 8192;

	static final int MAX_GROUP = 128;

	/**
	 * Writers by default ({@code haven.chat.writers}), each with a share of the
	 * conversations and of {@link #QUEUE}.
	 */
	static final int WRITERS = 2;

	private final int writerCount;

	private static final Logger log = LoggerFactory.getLogger(ChatWriter.class);

	private final Posting posting;

	private final ChatHub hub;

	private final ItemJson items;

	private volatile List<Writer> writers = List.of();

	private volatile boolean running;

	ChatWriter(Posting posting, ChatHub hub, ItemJson items,
			@Value("${haven.chat.writers:" + WRITERS + "}") int writerCount) {
		this.posting = posting;
		this.hub = hub;
		this.items = items;
		if (writerCount < 1 || writerCount > 64) {
			throw new IllegalArgumentException("haven.chat.writers must be between 1 and 64, not " + writerCount);
		}
		this.writerCount = writerCount;
	}

	/**
	 * A checked chat-send waiting to be stored; {@code frameId} is what the ack and
	 * errors answer.
	 */
	record Send(Connection connection, Member member, String frameId, String clientKey, String text,
			List<UUID> attachments) {

		boolean plain() {
			return attachments.isEmpty();
		}
	}

	/**
	 * Queues the message; false when the node is stopping or too far behind (the page
	 * sends it again).
	 */
	boolean submit(Send send) {
		List<Writer> current = writers;
		return running && !current.isEmpty()
				&& current.get(Math.floorMod(send.member().conversationId().hashCode(), current.size()))
					.queue()
					.offer(send);
	}

	private record Writer(BlockingQueue<Send> queue, Thread thread) {
	}

	private void run(BlockingQueue<Send> queue) {
		List<Send> group = new ArrayList<>(MAX_GROUP);
		while (running || !queue.isEmpty()) {
			try {
				Send first = queue.poll(200, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				group.add(first);
				queue.drainTo(group, MAX_GROUP - 1);
				write(group);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				// The class only: an exception's message may quote what it was handling.
				log.error("The chat writer failed on a group of {} messages: {}", group.size(),
						ex.getClass().getName());
				log.debug("Chat writer failure", ex);
				group.forEach(send -> unavailable(send));
			}
			finally {
				group.clear();
			}
		}
	}

	/**
	 * Runs of plain messages are stored together; a message with files is stored alone,
	 * in its place.
	 */
	private void write(List<Send> group) {
		int from = 0;
		while (from < group.size()) {
			if (!group.get(from).plain()) {
				one(group.get(from));
				from++;
				continue;
			}
			int to = from;
			while (to < group.size() && group.get(to).plain()) {
				to++;
			}
			plain(group.subList(from, to));
			from = to;
		}
	}

	private void plain(List<Send> run) {
		hub.orderedAll(run.stream().map(s -> s.member().conversationId()).toList(), () -> {
			List<Outcome> outcomes;
			try {
				outcomes = posting
					.postChats(run.stream().map(s -> new NewChat(s.member(), s.clientKey(), s.text())).toList());
			}
			catch (DataAccessException ex) {
				// The group failed as a whole: each on its own, so that one message's
				// trouble costs only that message.
				log.warn("A group of {} chat messages failed on the database ({}); storing them one by one", run.size(),
						ex.getClass().getSimpleName());
				outcomes = run.stream().map(this::alone).toList();
			}
			for (int i = 0; i < run.size(); i++) {
				answer(run.get(i), outcomes.get(i));
			}
		});
	}

	private Outcome alone(Send send) {
		try {
			return posting.postChats(List.of(new NewChat(send.member(), send.clientKey(), send.text()))).get(0);
		}
		catch (DataAccessException ex) {
			return new Outcome(null, null);
		}
	}

	private void one(Send send) {
		hub.ordered(send.member().conversationId(), () -> {
			Outcome outcome;
			try {
				outcome = new Outcome(
						posting.post(send.member(), send.clientKey(), Kind.CHAT, send.text(), null, send.attachments()),
						null);
			}
			catch (Refusal ex) {
				outcome = new Outcome(null, ex);
			}
			catch (DataAccessException ex) {
				log.warn("A chat message failed on the database: {}", ex.getClass().getSimpleName());
				outcome = new Outcome(null, null);
			}
			answer(send, outcome);
			return outcome;
		});
	}

	/**
	 * The ack to the sender and the item to everyone else who has the conversation open;
	 * or the refusal.
	 */
	private void answer(Send send, Outcome outcome) {
		Connection connection = send.connection();
		if (outcome.refusal() != null) {
			connection.error(send.frameId(), outcome.refusal().code(), outcome.refusal().getMessage());
			return;
		}
		if (outcome.posted() == null) {
			unavailable(send);
			return;
		}
		Posted stored = outcome.posted();
		announce(connection, send.frameId(), stored.item(), stored.lastSeq(), !stored.duplicate());
	}

	/**
	 * The item to every other connection that has its conversation open (unless
	 * {@code toOthers} is false: a resend), then the ack to {@code connection}. Called
	 * under the conversation's {@link ChatHub} lock, by this writer and by edits and
	 * deletions alike.
	 */
	void announce(Connection connection, String frameId, Item stored, long lastSeq, boolean toOthers) {
		UUID conversationId = stored.conversationId();
		// Rendered and written once, then spliced into the frame for the others and into
		// the ack.
		RawValue item = new RawValue(connection.serialize(items.json(stored)));
		if (toOthers) {
			hub.push(conversationId, connection,
					connection.serialize(connection.frame("chat-item")
						.put("conversation", conversationId.toString())
						.putRawValue("item", item)));
		}
		connection.send(connection.reply("chat-ack", frameId)
			.put("conversation", conversationId.toString())
			.put("clientId", stored.clientKey())
			.put("seq", stored.seq())
			.put("lastSeq", lastSeq)
			.putRawValue("item", item));
	}

	private static void unavailable(Send send) {
		send.connection()
			.error(send.frameId(), "unavailable",
					"Not saved: Haven could not store it just now. It will be sent again.");
	}

	@Override
	public synchronized void start() {
		List<Writer> started = new ArrayList<>();
		for (int i = 0; i < writerCount; i++) {
			BlockingQueue<Send> queue = new ArrayBlockingQueue<>(QUEUE / writerCount);
			Thread thread = new Thread(() -> run(queue), "chat-writer-" + i);
			thread.setDaemon(true);
			started.add(new Writer(queue, thread));
		}
		writers = List.copyOf(started);
		running = true;
		started.forEach(writer -> writer.thread().start());
	}

	/** Takes no more, stores and answers what is queued, then ends. */
	@Override
	public synchronized void stop() {
		running = false;
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		for (Writer writer : writers) {
			try {
				writer.thread().join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		writers = List.of();
	}

	@Override
	public boolean isRunning() {
		return running;
	}

}
