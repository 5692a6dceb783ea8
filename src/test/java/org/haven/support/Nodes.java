package org.haven.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Several Haven nodes on the one shared database, as far as a scheduled job can tell:
 * another instance of the job's bean with the same collaborators (its own transactions,
 * its own connections), and a start that runs each node's round at the same moment.
 */
public final class Nodes {

	private Nodes() {
	}

	/**
	 * Another node's copy of a bean, proxied and scheduled as the context's own; give it
	 * back with {@link #stop}.
	 */
	public static <T> T another(ApplicationContext context, Class<T> type) {
		return context.getAutowireCapableBeanFactory().createBean(type);
	}

	public static void stop(ApplicationContext context, Object node) {
		AutowireCapableBeanFactory factory = context.getAutowireCapableBeanFactory();
		factory.destroyBean(node);
	}

	/**
	 * Another node takes something in its transaction ({@code claim}) and, while it holds
	 * it, this node runs a round, which must not wait for it (10 s at most); then the
	 * other node dies: its transaction is rolled back. Returns what the round returned.
	 */
	public static <T> T whileAnotherHolds(TransactionTemplate transactions, Runnable claim, Callable<T> round)
			throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(2);
		CountDownLatch held = new CountDownLatch(1);
		CountDownLatch die = new CountDownLatch(1);
		try {
			Future<?> holder = threads.submit(() -> transactions.executeWithoutResult(status -> {
				claim.run();
				held.countDown();
				try {
					die.await(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				status.setRollbackOnly();
			}));
			if (!held.await(10, TimeUnit.SECONDS)) {
				holder.get(10, TimeUnit.SECONDS);
				throw new IllegalStateException("The other node never took its claim");
			}
			try {
				return threads.submit(round).get(10, TimeUnit.SECONDS);
			}
			finally {
				die.countDown();
				holder.get(10, TimeUnit.SECONDS);
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	/**
	 * Runs each round on its own thread, all let go at once; returns what each returned,
	 * in order.
	 */
	@SafeVarargs
	public static <T> List<T> atOnce(Callable<T>... rounds) throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(rounds.length);
		CyclicBarrier start = new CyclicBarrier(rounds.length);
		try {
			List<Future<T>> running = new ArrayList<>();
			for (Callable<T> round : rounds) {
				running.add(threads.submit(() -> {
					start.await();
					return round.call();
				}));
			}
			List<T> results = new ArrayList<>();
			for (Future<T> result : running) {
				results.add(result.get(60, TimeUnit.SECONDS));
			}
			return results;
		}
		finally {
			threads.shutdownNow();
		}
	}

	/**
	 * Runs a node's round until it finds nothing more to do, as its poller would; returns
	 * how many items it handled in all.
	 */
	public static int drain(IntSupplier round) {
		int total = 0;
		int handled;
		do {
			handled = round.getAsInt();
			total += handled;
		}
		while (handled > 0);
		return total;
	}

}
