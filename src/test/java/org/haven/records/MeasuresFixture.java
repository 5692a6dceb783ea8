package org.haven.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.haven.identity.TestAccounts.TestAccount;
import org.haven.messaging.ChatFixture;
import org.haven.scheduling.TestPractice;
import org.haven.support.WebSession;
import org.haven.support.WebSession.Response;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A therapist with a client in care, signed in, and the steps of the measures' pages as
 * they take them.
 */
record MeasuresFixture(TestPractice practice, TestAccount therapist, TestAccount client, WebSession therapistWeb,
		WebSession clientWeb, JdbcClient jdbc) {

	private static final Pattern KEY = Pattern.compile("name=\"submissionKey\" value=\"([^\"]+)\"");

	static MeasuresFixture create(ApplicationContext context, String therapistEmail, String clientEmail,
			WebSession therapistWeb, WebSession clientWeb) {
		TestPractice practice = TestPractice.open(context, therapistEmail);
		TestAccount client = practice.clientInCare(clientEmail, true);
		ChatFixture.signIn(therapistWeb, practice.therapist());
		ChatFixture.signIn(clientWeb, client);
		return new MeasuresFixture(practice, practice.therapist(), client, therapistWeb, clientWeb,
				context.getBean(JdbcClient.class));
	}

	/**
	 * Both signed in afresh: sessions end after 15 idle minutes, and tests move the clock
	 * by days.
	 */
	MeasuresFixture signedInAgain(WebSession therapistWeb, WebSession clientWeb) {
		ChatFixture.signIn(therapistWeb, therapist);
		ChatFixture.signIn(clientWeb, client);
		return new MeasuresFixture(practice, therapist, client, therapistWeb, clientWeb, jdbc);
	}

	String clientPage() {
		return "/records/measures/clients/" + client.id();
	}

	/** The therapist assigns through the page; the new assignment's id. */
	UUID assign(String instrument, String schedule, String weeks) {
		Response response = therapistWeb.submit(clientPage(), clientPage() + "/assignments",
				Map.of("instrument", instrument, "schedule", schedule, "weeks", weeks));
		assertThat(response.location()).endsWith("?assigned");
		return jdbc
			.sql("select id from records_measure_assignment where client_id = :c order by assigned_at desc limit 1")
			.param("c", client.id())
			.query(UUID.class)
			.single();
	}

	/** The submission key of the form as the client is shown it. */
	String openForm(UUID assignment) {
		Response page = clientWeb.get("/records/measures/assignments/" + assignment);
		assertThat(page.status()).isEqualTo(200);
		Matcher matcher = KEY.matcher(page.body());
		assertThat(matcher.find()).isTrue();
		return matcher.group(1);
	}

	/** The client sends these answers with the form's key. */
	Response send(UUID assignment, String key, List<Integer> answers) {
		return clientWeb.post("/records/measures/assignments/" + assignment, form(key, answers));
	}

	/** Where a response redirects to, as path and query. */
	static String path(Response response) {
		URI location = URI.create(response.location());
		return location.getRawPath() + (location.getRawQuery() == null ? "" : "?" + location.getRawQuery());
	}

	static Map<String, String> form(String key, List<Integer> answers) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("submissionKey", key);
		for (int i = 0; i < answers.size(); i++) {
			if (answers.get(i) != null) {
				form.put("item" + (i + 1), String.valueOf(answers.get(i)));
			}
		}
		return form;
	}

	long count(String sql, Object... params) {
		var statement = jdbc.sql(sql);
		for (Object param : params) {
			statement = statement.param(param);
		}
		return statement.query(Long.class).single();
	}

}
