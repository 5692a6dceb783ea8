package org.haven.shared.mail;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Sends plain-text mail in the background. Callers return at once whether or not a mail goes out, so a
 * page's response time never tells whether an address is known; a failed send is retried with growing
 * pauses. Mail bodies never carry health data: callers send links, not content.
 */
@Component
@EnableConfigurationProperties(MailProperties.class)
public class Mailer implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(Mailer.class);
	private static final int MAX_ATTEMPTS = 6;

	private final JavaMailSender sender;
	private final MailProperties properties;
	private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
		Thread thread = new Thread(runnable, "haven-mailer");
		thread.setDaemon(true);
		return thread;
	});

	Mailer(JavaMailSender sender, MailProperties properties) {
		this.sender = sender;
		this.properties = properties;
	}

	public void send(String to, String subject, String body) {
		SimpleMailMessage message = new SimpleMailMessage();
		message.setFrom(properties.from());
		message.setTo(to);
		message.setSubject(subject);
		message.setText(body);
		executor.execute(() -> attempt(message, 1));
	}

	private void attempt(SimpleMailMessage message, int attempt) {
		try {
			sender.send(message);
		}
		catch (MailException ex) {
			if (attempt >= MAX_ATTEMPTS) {
				log.error("Giving up on a mail after {} attempts: {}", attempt, ex.getClass().getSimpleName());
				return;
			}
			long delaySeconds = 1L << (2 * attempt);
			log.warn("Mail server did not accept a mail (attempt {}), retrying in {} s", attempt, delaySeconds);
			executor.schedule(() -> attempt(message, attempt + 1), delaySeconds, TimeUnit.SECONDS);
		}
	}

	@Override
	public void destroy() {
		executor.shutdownNow();
	}
}
