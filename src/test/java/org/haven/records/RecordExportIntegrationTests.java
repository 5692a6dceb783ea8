package org.haven.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.haven.identity.CurrentAccount;
import org.haven.identity.Role;
import org.haven.identity.TestAccounts.TestAccount;
import org.haven.records.internal.ChartAccess;
import org.haven.records.internal.PlanDraft;
import org.haven.records.internal.PlanDraft.GoalDraft;
import org.haven.records.internal.PlanDraft.InterventionDraft;
import org.haven.records.internal.PlanDraft.ObjectiveDraft;
import org.haven.records.internal.PlanDraft.ProblemDraft;
import org.haven.records.internal.RecordExport;
import org.haven.records.internal.Responses;
import org.haven.records.internal.TreatmentPlans;
import org.haven.scheduling.TestPractice;
import org.haven.support.IntegrationTest;
import org.haven.support.WebSession;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;

/**
 * The record to take away: a FHIR R4 Bundle that HAPI's validator accepts against the R4
 * structure definitions, a PDF to print, for the client and the therapists who treat them
 * only, and every export in the audit trail.
 */
class RecordExportIntegrationTests extends IntegrationTest {

	private static final FhirContext FHIR = FhirContext.forR4Cached();

	private static FhirValidator validator;

	@Autowired
	ApplicationContext context;

	@Autowired
	ChartAccess access;

	@Autowired
	RecordExport export;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Responses responses;

	@Autowired
	TreatmentPlans plans;

	TestPractice practice;

	TestAccount client;

	@BeforeEach
	void clientWithAPastAndAFutureSession() {
		practice = TestPractice.open(context, uniqueEmail("export-therapist"));
		client = practice.clientInCare(uniqueEmail("export-client"), true);
		List<TestPractice.FreeSlot> slots = practice.freeSlotsAfter(clock.instant().plus(Duration.ofHours(20)), 2);
		practice.book(client, slots.get(0), "VIDEO");
		practice.book(client, slots.get(1), "AUDIO");
		// The first session is over, the second still to come.
		clock.advance(Duration.between(clock.instant(), slots.get(0).end().plus(Duration.ofMinutes(5))));
	}

	@Test
	void theExportIsABundleTheFhirValidatorAcceptsWithTheWholeRecord() {
		CurrentAccount therapist = new CurrentAccount(practice.therapist().id(), practice.therapist().email(),
				Role.THERAPIST);
		ChartAccess.Reader writer = access.writer(therapist, client.id()).orElseThrow();
		responses.administer(writer, "PHQ9", UUID.randomUUID().toString(),
				List.of("1", "2", "0", "3", "1", "0", "2", "1", "0"), "");
		plans.save(therapist, client.id(),
				new PlanDraft(0, "2031-06-01", "2031-03-01",
						List.of(new ProblemDraft(
								null, "Panic on the bus", null, List.of(new GoalDraft(null, "Travel to work by bus",
										null, List.of(new ObjectiveDraft(null, "Ride two stops", "Days a week",
												"2031-02-01", null)))),
								List.of(new InterventionDraft(null, "Graded exposure"))))));
		String json = export.json(reader(client.id(), Role.CLIENT, client.id()));

		ValidationResult result = validator().validateWithResult(json);
		List<SingleValidationMessage> errors = result.getMessages()
			.stream()
			.filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
			.toList();
		assertThat(errors).as(json).isEmpty();

		Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class, json);
		assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.COLLECTION);
		assertThat(resources(bundle, Patient.class)).singleElement()
			.satisfies(p -> assertThat(p.getIdentifierFirstRep().getValue()).isEqualTo("urn:uuid:" + client.id()));
		assertThat(resources(bundle, Practitioner.class)).singleElement()
			.satisfies(p -> assertThat(p.getIdentifierFirstRep().getValue())
				.isEqualTo("urn:uuid:" + practice.therapist().id()));
		assertThat(resources(bundle, Appointment.class)).extracting(Appointment::getStatus)
			.containsExactlyInAnyOrder(Appointment.AppointmentStatus.FULFILLED, Appointment.AppointmentStatus.BOOKED);
		assertThat(resources(bundle, Encounter.class)).singleElement().satisfies(e -> {
			assertThat(e.getStatus()).isEqualTo(Encounter.EncounterStatus.FINISHED);
			assertThat(e.getClass_().getCode()).isEqualTo("VR");
			assertThat(e.getAppointmentFirstRep().getReference()).startsWith("urn:uuid:");
		});
		assertThat(resources(bundle, Consent.class)).singleElement()
			.satisfies(c -> assertThat(c.getScope().getCodingFirstRep().getCode()).isEqualTo("treatment"));
		assertThat(resources(bundle, Questionnaire.class)).singleElement()
			.satisfies(q -> assertThat(q.getItem()).hasSize(9));
		assertThat(resources(bundle, QuestionnaireResponse.class)).singleElement()
			.satisfies(r -> assertThat(r.getItem()).hasSize(9));
		assertThat(resources(bundle, Observation.class)).extracting(o -> o.getCode().getCodingFirstRep().getCode())
			.containsExactlyInAnyOrder("44249-1", "44261-6");
		assertThat(resources(bundle, Observation.class)).filteredOn(Observation::hasValueIntegerType)
			.singleElement()
			.satisfies(o -> assertThat(o.getValueIntegerType().getValue()).isEqualTo(10));
		assertThat(resources(bundle, CarePlan.class)).singleElement()
			.satisfies(c -> assertThat(c.getDescription()).contains("Panic on the bus"));
		assertThat(resources(bundle, Goal.class)).singleElement()
			.satisfies(g -> assertThat(g.getDescription().getText()).isEqualTo("Travel to work by bus"));
		// Every reference points at an entry of the bundle: the file stands on its own.
		List<String> fullUrls = bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getFullUrl).toList();
		assertThat(json).contains("\"reference\": \"urn:uuid:");
		FHIR.newTerser()
			.getAllPopulatedChildElementsOfType(bundle, Reference.class)
			.forEach(reference -> assertThat(fullUrls).contains(reference.getReference()));
	}

	@Test
	void theValidatorRefusesABundleThatBreaksTheR4Rules() {
		Bundle broken = new Bundle();
		broken.setType(Bundle.BundleType.COLLECTION);
		// An appointment must say how each participant stands, and be booked with
		// someone.
		broken.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(new Appointment());
		ValidationResult result = validator().validateWithResult(broken);
		assertThat(result.getMessages()).anySatisfy(
				m -> assertThat(m.getSeverity().ordinal()).isGreaterThanOrEqualTo(ResultSeverityEnum.ERROR.ordinal()));
	}

	@Test
	void theClientAndTheirTherapistDownloadItAndEveryDownloadIsAudited() {
		long before = exports();
		WebSession own = signedIn(client);
		WebSession.Download fhir = own.download("/records/clients/" + client.id() + "/export/fhir");
		assertThat(fhir.status()).isEqualTo(200);
		assertThat(fhir.header("Content-Type")).startsWith("application/fhir+json");
		assertThat(fhir.header("Content-Disposition")).startsWith("attachment;").contains(".json");
		assertThat(new String(fhir.body(), StandardCharsets.UTF_8)).contains("\"resourceType\": \"Bundle\"");

		WebSession therapist = signedIn(practice.therapist());
		WebSession.Download pdf = therapist.download("/records/clients/" + client.id() + "/export/pdf");
		assertThat(pdf.status()).isEqualTo(200);
		assertThat(pdf.header("Content-Type")).isEqualTo("application/pdf");
		assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
		assertThat(therapist.get("/records/clients/" + client.id() + "/export").body())
			.contains("Download the record of");
		assertThat(exports()).isEqualTo(before + 2);
	}

	@Test
	void nobodyElseLearnsTheRecordExists() {
		String path = "/records/clients/" + client.id() + "/export/fhir";
		TestAccount otherTherapist = practice.accounts().therapist(uniqueEmail("export-other-therapist"));
		TestAccount otherClient = practice.accounts().client(uniqueEmail("export-other-client"));
		TestAccount admin = practice.accounts().admin(uniqueEmail("export-admin"));
		for (TestAccount stranger : List.of(otherTherapist, otherClient, admin)) {
			WebSession session = signedIn(stranger);
			assertThat(session.download(path).status()).as(stranger.email()).isEqualTo(404);
			assertThat(session.get("/api/v1/records/clients/" + client.id() + "/export").status()).as(stranger.email())
				.isEqualTo(404);
		}
		assertThat(signedIn(client).download("/records/clients/" + UUID.randomUUID() + "/export/pdf").status())
			.isEqualTo(404);
	}

	@Test
	void breakGlassReadsTheRecordButDoesNotExportIt() {
		TestAccount admin = practice.accounts().admin(uniqueEmail("export-glass-admin"));
		jdbc.sql("""
				insert into records_break_glass (id, admin_id, client_id, reason, granted_at, expires_at)
				values (:id, :admin, :client, 'Client unreachable after a risk alert', :now, :until)""")
			.param("id", UUID.randomUUID())
			.param("admin", admin.id())
			.param("client", client.id())
			.param("now", Timestamp.from(clock.instant()))
			.param("until", Timestamp.from(clock.instant().plus(Duration.ofHours(1))))
			.update();
		CurrentAccount asAdmin = new CurrentAccount(admin.id(), admin.email(), Role.ADMIN);
		assertThat(access.reader(asAdmin, client.id()))
			.hasValueSatisfying(r -> assertThat(r.kind()).isEqualTo(ChartAccess.Kind.BREAK_GLASS));
		assertThat(signedIn(admin).download("/records/clients/" + client.id() + "/export/fhir").status())
			.isEqualTo(404);
	}

	private long exports() {
		return jdbc.sql("select count(*) from audit_entry where action = 'RECORD_EXPORTED' and detail = :detail")
			.param("detail", "client:" + client.id())
			.query(Long.class)
			.single();
	}

	private ChartAccess.Reader reader(UUID accountId, Role role, UUID clientId) {
		return access.reader(new CurrentAccount(accountId, "reader@example.org", role), clientId).orElseThrow();
	}

	private WebSession signedIn(TestAccount account) {
		WebSession session = browser();
		session.signIn(account.email(), account.password(), account.totpSecret() == null ? null : account.code());
		session.get("/home");
		return session;
	}

	private static <T> List<T> resources(Bundle bundle, Class<T> type) {
		return bundle.getEntry()
			.stream()
			.map(Bundle.BundleEntryComponent::getResource)
			.filter(type::isInstance)
			.map(type::cast)
			.toList();
	}

	private static synchronized FhirValidator validator() {
		if (validator == null) {
			ValidationSupportChain support = new ValidationSupportChain(new DefaultProfileValidationSupport(FHIR),
					new InMemoryTerminologyServerValidationSupport(FHIR),
					new CommonCodeSystemsTerminologyService(FHIR));
			validator = FHIR.newValidator().registerValidatorModule(new FhirInstanceValidator(support));
		}
		return validator;
	}

}
