package org.haven.directory.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.haven.shared.web.Refusal;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import org.haven.directory.FreeTimeProbe;
import org.haven.identity.AccountSummary;
import org.haven.identity.Accounts;
import org.haven.identity.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;

/**
 * The search's own rules, without a database: filtering before paging, and working
 * without scheduling.
 */
class TherapistSearchTests {

	static final Clock CLOCK = Clock.fixed(Instant.parse("2027-01-04T12:00:00Z"), ZoneOffset.UTC);

	final List<UUID> therapists = IntStream.range(0, 25).mapToObj(i -> new UUID(0, i)).toList();

	final Set<UUID> disabled = Set.of(therapists.get(0), therapists.get(3));

	final List<Collection<UUID>> asked = new ArrayList<>();

	@Test
	void withoutSchedulingTheDirectoryStillSearchesButRefusesTheFreeTimeFilter() {
		TherapistSearch search = search(null);

		assertThat(search.searchesFreeTime()).isFalse();
		assertThat(search.search(criteria("")).total()).isEqualTo(23);
		assertThatThrownBy(() -> search.search(criteria("7"))).isInstanceOfSatisfying(Refusal.class, rejected -> {
			assertThat(rejected.field()).isEqualTo("freeWithinDays");
			assertThat(rejected.getMessage()).contains("not available");
		});
	}

	@Test
	void theProbeHearsOnlyActiveCandidatesAndItsAnswerIsAppliedBeforePaging() {
		// Every other therapist has free time.
		FreeTimeProbe everyOther = (ids, from, until) -> {
			asked.add(ids);
			assertThat(until).isEqualTo(from.plus(Duration.ofDays(7)));
			return Set.copyOf(ids.stream().filter(id -> id.getLeastSignificantBits() % 2 == 0).toList());
		};
		TherapistSearch search = search(everyOther);

		TherapistSearch.Result first = search.search(criteria("7"));
		assertThat(asked).singleElement()
			.satisfies(ids -> assertThat(ids).hasSize(23).doesNotContainAnyElementsOf(disabled));
		// 0..24 even, without the disabled 0: 2, 4, ..., 24 is 12 therapists, 10 on the
		// first page.
		assertThat(first.total()).isEqualTo(12);
		assertThat(first.profiles()).hasSize(10);
		assertThat(search.search(new TherapistSearch.Criteria("GB", null, null, null, null, "7", 1)).profiles())
			.extracting(Profile::displayName)
			.containsExactly("22", "24");
	}

	private TherapistSearch.Criteria criteria(String freeWithinDays) {
		return new TherapistSearch.Criteria("GB", null, null, null, null, freeWithinDays, 0);
	}

	private TherapistSearch search(FreeTimeProbe probe) {
		DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
		if (probe != null) {
			beans.registerSingleton("probe", probe);
		}
		return new TherapistSearch(new Store(), new ActiveUnlessDisabled(), beans.getBeanProvider(FreeTimeProbe.class),
				CLOCK);
	}

	/** All therapists match, in id order; each profile is named by its number. */
	final class Store extends ProfileStore {

		Store() {
			super(null);
		}

		@Override
		List<UUID> matching(String jurisdiction, LocalDate on, Map<String, String> requiredTags) {
			return therapists;
		}

		@Override
		Optional<Profile> load(UUID id) {
			return Optional.of(new Profile(id, Long.toString(id.getLeastSignificantBits()), null, null, null, null,
					true, "UTC", true, Set.of(), Set.of(), Set.of(), Set.of(), List.of()));
		}

	}

	final class ActiveUnlessDisabled implements Accounts {

		@Override
		public Optional<AccountSummary> find(UUID accountId) {
			return findAll(List.of(accountId)).stream().findFirst();
		}

		@Override
		public List<AccountSummary> findAll(Collection<UUID> accountIds) {
			return accountIds.stream()
				.map(id -> new AccountSummary(id, "x", Role.THERAPIST, !disabled.contains(id)))
				.toList();
		}

		@Override
		public Optional<AccountSummary> findByEmail(String email) {
			return Optional.empty();
		}

		@Override
		public List<AccountSummary> activeWithRole(Role role) {
			return List.of();
		}

		@Override
		public Optional<String> emailOf(UUID accountId) {
			return Optional.empty();
		}

	}

}
