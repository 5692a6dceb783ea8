package org.haven.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;
import org.haven.care.TestCare.IntakeAnswers;
import org.haven.identity.CurrentAccount;
import org.haven.identity.Role;
import org.haven.identity.TestAccounts;
import org.haven.identity.TestAccounts.TestAccount;
import org.haven.records.internal.BreakGlass;
import org.haven.records.internal.Chart;
import org.haven.records.internal.ChartAccess;
import org.haven.records.internal.ChartAccess.Kind;
import org.haven.records.internal.ChartAccess.Reader;
import org.haven.scheduling.TestPractice;
import org.haven.support.IntegrationTest;
import org.haven.support.TestMail;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Who reads a client's record: the client, a therapist who is or was in care with them,
 * and an admin only through an unexpired break-glass grant for exactly that client;
 * nobody else. Every read through break-glass carries the stated reason into the audit
 * trail, and the mail that tells the therapist and the other admins carries none of it.
 */
class ChartAccessIntegrationTests extends IntegrationTest {

	static final String REASON = "Police welfare check: client unreachable, therapist on leave";

	@Autowired
	ApplicationContext context;

	@Autowired
	ChartAccess access;

	@Autowired
	BreakGlass breakGlass;

	@Autowired
	Chart chart;

	@Autowired
	JdbcClient jdbc;

	TestAccounts accounts;

	TestPractice practice;

	TestAccount client;

	@BeforeEach
	void setUp() {
		accounts = TestAccounts.in(context);
		practice = TestPractice.open(context, uniqueEmail("chart-therapist"));
		client = practice.clientInCare(uniqueEmail("chart-client"), true);
	}

	@Test
	void theClientAndTheirTherapistsReadTheRecordAndNobodyElse() {
		TestPractice formerPractice = TestPractice.open(context, uniqueEmail("former-therapist"));
		UUID ended = formerPractice.care()
			.startCare(client.id(), formerPractice.therapist().id(),
					IntakeAnswers.video("Earlier care", "US-NY", "Albany", "Kim 555 0101"));
		formerPractice.care().end(formerPractice.therapist().id(), ended);
		TestAccount otherTherapist = accounts.therapist(uniqueEmail("other-therapist"));
		TestAccount otherClient = accounts.client(uniqueEmail("other-client"));
		TestAccount admin = accounts.admin(uniqueEmail("plain-admin"));

		assertThat(access.reader(as(client, Role.CLIENT), client.id())).get()
			.extracting(Reader::kind)
			.isEqualTo(Kind.CLIENT);
		assertThat(access.reader(as(practice.therapist(), Role.THERAPIST), client.id())).get()
			.extracting(Reader::kind)
			.isEqualTo(Kind.THERAPIST);
		assertThat(access.writer(as(practice.therapist(), Role.THERAPIST), client.id())).isPresent();
		assertThat(access.reader(as(formerPractice.therapist(), Role.THERAPIST), client.id()))
			.as("a former therapist still reads the record")
			.isPresent();
		assertThat(access.writer(as(formerPractice.therapist(), Role.THERAPIST), client.id()))
			.as("but no longer writes to it")
			.isEmpty();
		assertThat(access.reader(as(otherTherapist, Role.THERAPIST), client.id())).isEmpty();
		assertThat(access.reader(as(otherClient, Role.CLIENT), client.id())).isEmpty();
		assertThat(access.reader(as(admin, Role.ADMIN), client.id())).isEmpty();
		assertThat(access.writer(as(admin, Role.ADMIN), client.id())).isEmpty();
		assertThat(access.writer(as(client, Role.CLIENT), client.id())).isEmpty();
	}

	@Test
	void breakGlassOpensExactlyOneRecordUntilItExpiresAndAuditsEveryReadWithTheReason() {
		TestAccount admin = accounts.admin(uniqueEmail("glass-admin"));
		TestAccount otherClient = practice.clientInCare(uniqueEmail("glass-other-client"), true);

		breakGlass.grant(admin.id(), client.email(), REASON, true);

		Reader reader = access.reader(as(admin, Role.ADMIN), client.id()).orElseThrow();
		assertThat(reader.kind()).isEqualTo(Kind.BREAK_GLASS);
		assertThat(access.reader(as(admin, Role.ADMIN), otherClient.id())).as("another client's record").isEmpty();
		assertThat(access.writer(as(admin, Role.ADMIN), client.id())).as("read only").isEmpty();
		assertThat(audit(admin, "BREAK_GLASS_GRANTED")).containsExactly("break-glass: " + REASON);

		chart.read(reader);
		chart.read(reader);
		assertThat(audit(admin, "CHART_READ")).hasSize(2).allMatch(("break-glass: " + REASON)::equals);

		clock.advance(Duration.ofMinutes(59));
		assertThat(access.reader(as(admin, Role.ADMIN), client.id())).isPresent();
		clock.advance(Duration.ofMinutes(1));
		assertThat(access.reader(as(admin, Role.ADMIN), client.id())).as("an hour after the grant").isEmpty();
	}

	@Test
	void anAdminEndsTheirGrantEarlyAndOnlyTheirOwn() {
		TestAccount admin = accounts.admin(uniqueEmail("ending-admin"));
		TestAccount otherAdmin = accounts.admin(uniqueEmail("ending-other-admin"));
		breakGlass.grant(admin.id(), client.email(), REASON, true);
		UUID grant = breakGlass.grantsFor(client.id()).get(0).id();

		assertThat(breakGlass.end(otherAdmin.id(), grant)).isFalse();
		assertThat(breakGlass.end(admin.id(), grant)).isTrue();
		assertThat(access.reader(as(admin, Role.ADMIN), client.id())).isEmpty();
		assertThat(breakGlass.grantsFor(client.id())).singleElement()
			.satisfies(g -> assertThat(g.endedEarly()).isTrue())
			.satisfies(g -> assertThat(g.active()).isFalse());
	}

	@Test
	void theTherapistAndTheOtherAdminsAreToldWithoutTheReasonOrTheClient() throws Exception {
		TestAccount admin = accounts.admin(uniqueEmail("telling-admin"));
		TestAccount otherAdmin = accounts.admin(uniqueEmail("told-admin"));

		breakGlass.grant(admin.id(), client.email(), REASON, true);

		for (String to : List.of(practice.therapist().email(), otherAdmin.email())) {
			MimeMessage mail = TestMail.awaitMail(to, 1);
			String text = TestMail.subject(mail) + "\n" + TestMail.body(mail);
			assertThat(text).contains("emergency access").contains("http://localhost/");
			assertThat(text).doesNotContain("Police", "welfare", "unreachable", "leave", client.email(),
					"Worried all the time");
		}
		assertThat(TestMail.to(admin.email())).as("the admin who opened it").isEmpty();
	}

	private List<String> audit(TestAccount actor, String action) {
		return jdbc.sql("select detail from audit_entry where actor = :actor and action = :action order by id")
			.param("actor", "account:" + actor.id())
			.param("action", action)
			.query(String.class)
			.list();
	}

	private static CurrentAccount as(TestAccount account, Role role) {
		return new CurrentAccount(account.id(), account.email(), role);
	}

}
