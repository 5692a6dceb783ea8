package org.haven.records.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

import org.haven.care.IntakeFacts;
import org.haven.visits.CheckInFacts;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;

class CrisisLinesTests {

	private static final UUID CLIENT = UUID.randomUUID();

	@Test
	void theBundledTableHasTheLinesTheRecordPromises() {
		CrisisLines lines = lines(Optional.empty(), Optional.empty());
		assertThat(lines.forJurisdiction("US-TX").lines()).extracting(CrisisLines.Line::dial).containsExactly("988");
		assertThat(lines.forJurisdiction("CA-ON").lines()).extracting(CrisisLines.Line::dial).containsExactly("988");
		assertThat(lines.forJurisdiction("GB").lines()).extracting(CrisisLines.Line::dial)
			.containsExactly("111", "116123");
		assertThat(lines.forJurisdiction("FR").lines()).extracting(CrisisLines.Line::telUri).containsExactly("tel:112");
		assertThat(lines.forJurisdiction("FR").jurisdiction()).isEqualTo("FR");
	}

	@Test
	void theLatestCheckInComesBeforeWhereTheClientSaidTheyLive() {
		assertThat(lines(Optional.of("GB"), Optional.of("US-CA")).forClient(CLIENT).jurisdiction()).isEqualTo("GB");
		assertThat(lines(Optional.empty(), Optional.of("US-CA")).forClient(CLIENT).jurisdiction()).isEqualTo("US-CA");
		CrisisLines.Shown unknown = lines(Optional.empty(), Optional.empty()).forClient(CLIENT);
		assertThat(unknown.jurisdiction()).isNull();
		assertThat(unknown.lines()).extracting(CrisisLines.Line::dial).containsExactly("112");
	}

	@Test
	void aFullCodeInTheTableComesBeforeItsCountry() {
		CrisisLines lines = new CrisisLines(table("""
				US:
				  - {name: National, dial: "988", how: Call 988}
				US-CA:
				  - {name: California line, dial: "18005551212", how: Call it}
				default:
				  - {name: Emergency, dial: "112", how: Call 112}
				"""), checkIns(Optional.empty()), client -> Optional.empty());
		assertThat(lines.forJurisdiction("us-ca").lines()).extracting(CrisisLines.Line::name)
			.containsExactly("California line");
		assertThat(lines.forJurisdiction("US-NY").lines()).extracting(CrisisLines.Line::name)
			.containsExactly("National");
	}

	@Test
	void aTableThatWouldLeaveAClientWithNothingToCallStopsStartUp() {
		assertThatIllegalStateException().isThrownBy(() -> CrisisLines.read(table("""
				US:
				  - {name: National, dial: "988", how: Call 988}
				"""))).withMessageContaining("default");
		assertThatIllegalStateException().isThrownBy(() -> CrisisLines.read(table("""
				default:
				  - {name: Emergency, dial: "call 112", how: Call 112}
				"""))).withMessageContaining("digits only");
		assertThatIllegalStateException().isThrownBy(() -> CrisisLines.read(table("""
				default: []
				"""))).withMessageContaining("default");
	}

	private static CrisisLines lines(Optional<String> checkIn, Optional<String> intake) {
		IntakeFacts facts = clientId -> intake;
		return new CrisisLines(new CrisisProperties(new ClassPathResource("records/crisis-lines.yml")),
				checkIns(checkIn), facts);
	}

	private static CheckInFacts checkIns(Optional<String> checkIn) {
		return new CheckInFacts() {

			@Override
			public Optional<String> lastJurisdiction(UUID clientId) {
				return checkIn;
			}

			@Override
			public Optional<String> locationAt(UUID appointmentId, UUID readerId) {
				return Optional.empty();
			}

		};
	}

	private static CrisisProperties table(String yaml) {
		return new CrisisProperties(new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)));
	}

}
