package org.haven.records.internal;

import java.time.Clock;
import java.util.Date;

import org.haven.care.CareRelationships;
import org.haven.scheduling.AppointmentDetails;
import org.haven.scheduling.Appointments;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The client's therapists (Practitioner), sessions (Appointment) and, for every session
 * that has taken place, its Encounter, which later parts refer to as
 * {@code encounter:<appointment id>}.
 */
@Component
@Order(100)
class SessionsFhir implements FhirSource {

	/** HL7 v3 ActCode "VR": an encounter over video or audio (virtual). */
	static final Coding VIRTUAL = new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "VR", "virtual");

	private final CareRelationships care;

	private final Appointments appointments;

	private final Clock clock;

	SessionsFhir(CareRelationships care, Appointments appointments, Clock clock) {
		this.care = care;
		this.appointments = appointments;
		this.clock = clock;
	}

	@Override
	public void addTo(ExportedRecord record) {
		care.partiesOf(record.reader().clientId()).forEach(party -> record.practitioner(party.therapistId()));
		for (AppointmentDetails session : appointments.ofClient(record.reader().clientId())) {
			boolean happened = !session.cancelled() && session.end().isBefore(clock.instant());
			Reference practitioner = record.practitioner(session.therapistId());
			Appointment appointment = new Appointment();
			appointment.setStatus(session.cancelled() ? Appointment.AppointmentStatus.CANCELLED
					: happened ? Appointment.AppointmentStatus.FULFILLED : Appointment.AppointmentStatus.BOOKED);
			appointment.getAppointmentType().setText(session.modality().label() + " session");
			appointment.setStart(Date.from(session.start()));
			appointment.setEnd(Date.from(session.end()));
			appointment.addParticipant().setActor(record.patient()).setStatus(Appointment.ParticipationStatus.ACCEPTED);
			appointment.addParticipant().setActor(practitioner).setStatus(Appointment.ParticipationStatus.ACCEPTED);
			Reference booked = record.add("appointment:" + session.id(), appointment);
			if (happened) {
				Encounter encounter = new Encounter();
				encounter.setStatus(Encounter.EncounterStatus.FINISHED);
				encounter.setClass_(VIRTUAL);
				encounter.addType().setText(session.modality().label() + " session");
				encounter.setSubject(record.patient());
				encounter.addParticipant().setIndividual(practitioner);
				encounter.setPeriod(new Period().setStart(Date.from(session.start())).setEnd(Date.from(session.end())));
				encounter.addAppointment(booked);
				record.add("encounter:" + session.id(), encounter);
			}
		}
	}

}
