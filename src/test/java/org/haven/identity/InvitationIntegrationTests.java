package org.haven.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.haven.identity.TestAccounts.TestAccount;
import org.haven.support.IntegrationTest;
import org.haven.support.TestMail;
import org.haven.support.WebSession;
import org.haven.support.WebSession.Response;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import dev.samstevens.totp.code.DefaultCodeGenerator;

class InvitationIntegrationTests extends IntegrationTest {

	static final String PASSWORD = "therapy is a team effort";

	@Autowired
	ApplicationContext context;

	@Test
	void anInvitedTherapistJoinsAndMustEnrolASecondFactorBeforeAnythingElse() throws Exception {
		String email = uniqueEmail("invited-therapist");
		String link = invite(email, "THERAPIST");
		String token = link.substring(link.indexOf("token=") + 6);

		WebSession therapist = browser();
		assertThat(therapist.get(link).body()).contains("You are invited as").contains("a therapist");
		Response accepted = therapist.post("/invitation",
				Map.of("token", token, "displayName", "Dr. New", "password", PASSWORD, "confirmation", PASSWORD));
		assertThat(accepted.location()).endsWith("/login?invitationAccepted");

		Response afterPassword = therapist.signIn(email, PASSWORD);
		assertThat(afterPassword.location()).endsWith("/account/2fa/setup");
		assertThat(therapist.get("/home").location()).endsWith("/account/2fa/setup");
		assertThat(therapist.get("/api/v1/me").status()).isEqualTo(403);

		String setup = therapist.get("/account/2fa/setup").body();
		Matcher secret = Pattern.compile("<code class=\"secret\">([A-Z2-7]+)</code>").matcher(setup);
		assertThat(secret.find()).isTrue();
		assertThat(setup).contains("data:image/png;base64,");
		String code = new DefaultCodeGenerator().generate(secret.group(1),
				Math.floorDiv(clock.instant().getEpochSecond(), 30));
		Response enrolled = therapist.post("/account/2fa/setup", Map.of("code", code));
		assertThat(enrolled.body()).contains("Your recovery codes");
		assertThat(Pattern.compile("<code>[a-z2-9]{5}-[a-z2-9]{5}</code>").matcher(enrolled.body()).results().count())
			.isEqualTo(10);
		assertThat(therapist.get("/api/v1/me").body()).contains("\"role\":\"THERAPIST\"")
			.contains("\"twoFactorEnabled\":true");

		// The invitation works once.
		assertThat(browser().get(link).body()).contains("This invitation no longer works");
	}

	@Test
	void anInvitationExpiresAfterSeventyTwoHours() {
		String email = uniqueEmail("late-therapist");
		String link = invite(email, "ADMIN");
		clock.advance(Duration.ofHours(72).plusMinutes(1));
		WebSession browser = browser();
		assertThat(browser.get(link).body()).contains("This invitation no longer works");
		String token = link.substring(link.indexOf("token=") + 6);
		browser.post("/invitation",
				Map.of("token", token, "displayName", "Late", "password", PASSWORD, "confirmation", PASSWORD));
		assertThat(browser().signIn(email, PASSWORD).location()).endsWith("/login?error");
	}

	@Test
	void aRecoveryCodeSignsInOnce() throws Exception {
		TestAccount therapist = TestAccounts.in(context).withoutTotp(uniqueEmail("recovery"), Role.THERAPIST);
		WebSession browser = browser();
		browser.signIn(therapist.email(), therapist.password());
		String setup = browser.get("/account/2fa/setup").body();
		Matcher secret = Pattern.compile("<code class=\"secret\">([A-Z2-7]+)</code>").matcher(setup);
		assertThat(secret.find()).isTrue();
		String code = new DefaultCodeGenerator().generate(secret.group(1),
				Math.floorDiv(clock.instant().getEpochSecond(), 30));
		String codes = browser.post("/account/2fa/setup", Map.of("code", code)).body();
		Matcher recovery = Pattern.compile("<code>([a-z2-9]{5}-[a-z2-9]{5})</code>").matcher(codes);
		assertThat(recovery.find()).isTrue();

		WebSession lostPhone = browser();
		lostPhone.signIn(therapist.email(), therapist.password());
		Response used = lostPhone.submit("/login/2fa", "/login/2fa", Map.of("code", recovery.group(1)));
		assertThat(used.location()).endsWith("/account?recoveryCodeUsed");
		assertThat(lostPhone.get("/account").body()).contains("<span>9</span> unused recovery codes");

		WebSession again = browser();
		again.signIn(therapist.email(), therapist.password());
		assertThat(again.submit("/login/2fa", "/login/2fa", Map.of("code", recovery.group(1))).body())
			.contains("That code did not work");
	}

	private String invite(String email, String role) {
		TestAccount admin = TestAccounts.in(context).admin(uniqueEmail("admin"));
		WebSession adminBrowser = browser();
		adminBrowser.signIn(admin.email(), admin.password(), admin.code());
		Response sent = adminBrowser.submit("/admin/invitations", "/admin/invitations",
				Map.of("email", email, "role", role));
		assertThat(sent.location()).endsWith("/admin/invitations?sent");
		return TestMail.link(TestMail.awaitMail(email, 1), "/invitation");
	}

}
