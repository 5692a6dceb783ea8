package org.haven.directory.internal;

import java.time.LocalDate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.haven.directory.Modality;
import org.haven.shared.time.Timestamps;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads and writes profiles, licences and tags. */
@Repository
class ProfileStore {

	private final JdbcClient jdbc;

	ProfileStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Profile> load(UUID accountId) {
		return jdbc.sql("select * from therapist_profile where account_id = :id")
			.param("id", accountId)
			.query((rs, n) -> new Row(rs.getString("display_name"), rs.getString("pronouns"), rs.getString("bio"),
					rs.getString("fee"), rs.getString("sliding_scale"), rs.getBoolean("accepting_new_clients"),
					rs.getString("time_zone"), rs.getBoolean("published")))
			.optional()
			.map(row -> {
				Map<String, Set<String>> tags = tags(accountId);
				Set<Modality> modalities = EnumSet.noneOf(Modality.class);
				tags.getOrDefault("MODALITY", Set.of()).forEach(m -> Modality.parse(m).ifPresent(modalities::add));
				return new Profile(accountId, row.displayName(), row.pronouns(), row.bio(), row.fee(),
						row.slidingScale(), row.accepting(), row.timeZone(), row.published(), modalities,
						tags.getOrDefault("SPECIALTY", Set.of()), tags.getOrDefault("APPROACH", Set.of()),
						tags.getOrDefault("LANGUAGE", Set.of()), licences(accountId));
			});
	}

	void save(Profile profile, Instant now) {
		int updated = jdbc.sql("""
				update therapist_profile set display_name = :name, pronouns = :pronouns, bio = :bio, fee = :fee,
				sliding_scale = :sliding, accepting_new_clients = :accepting, time_zone = :zone, published = :published,
				updated_at = :now where account_id = :id""").params(params(profile, now)).update();
		if (updated == 0) {
			jdbc.sql("""
					insert into therapist_profile (account_id, display_name, pronouns, bio, fee, sliding_scale,
					accepting_new_clients, time_zone, published, updated_at)
					values (:id, :name, :pronouns, :bio, :fee, :sliding, :accepting, :zone, :published, :now)""")
				.params(params(profile, now))
				.update();
		}
		jdbc.sql("delete from therapist_tag where account_id = :id").param("id", profile.accountId()).update();
		profile.modalities().forEach(m -> tag(profile.accountId(), "MODALITY", m.name()));
		profile.specialties().forEach(s -> tag(profile.accountId(), "SPECIALTY", s));
		profile.approaches().forEach(a -> tag(profile.accountId(), "APPROACH", a));
		profile.languages().forEach(l -> tag(profile.accountId(), "LANGUAGE", l));
	}

	void addLicence(UUID accountId, Profile.Licence licence) {
		jdbc.sql("""
				insert into therapist_licence (id, account_id, jurisdiction, licence_type, number, expires_on)
				values (:id, :account, :jurisdiction, :type, :number, :expires)""")
			.param("id", licence.id())
			.param("account", accountId)
			.param("jurisdiction", licence.jurisdiction())
			.param("type", licence.type())
			.param("number", licence.number())
			.param("expires", licence.expiresOn())
			.update();
	}

	boolean removeLicence(UUID accountId, UUID licenceId) {
		return jdbc.sql("delete from therapist_licence where id = :id and account_id = :account")
			.param("id", licenceId)
			.param("account", accountId)
			.update() == 1;
	}

	int licenceCount(UUID accountId) {
		return jdbc.sql("select count(*) from therapist_licence where account_id = :id")
			.param("id", accountId)
			.query(Integer.class)
			.single();
	}

	boolean licensedIn(UUID accountId, String jurisdiction, LocalDate on) {
		return jdbc.sql("""
				select count(*) from therapist_licence
				where account_id = :id and jurisdiction = :jurisdiction and expires_on >= :on""")
			.param("id", accountId)
			.param("jurisdiction", jurisdiction)
			.param("on", on)
			.query(Integer.class)
			.single() > 0;
	}

	boolean hasTag(UUID accountId, String kind, String tag) {
		return jdbc.sql("select count(*) from therapist_tag where account_id = :id and kind = :kind and tag = :tag")
			.param("id", accountId)
			.param("kind", kind)
			.param("tag", tag)
			.query(Integer.class)
			.single() > 0;
	}

	/**
	 * Every published profile licensed in the jurisdiction on the date with every given
	 * tag, in directory order. All of them, not one page: the caller still drops some
	 * (disabled accounts, no free time) before paging, and a region's directory holds
	 * hundreds of ids at most.
	 */
	List<UUID> matching(String jurisdiction, LocalDate on, Map<String, String> requiredTags) {
		StringBuilder sql = new StringBuilder(
				"""
						select p.account_id from therapist_profile p
						where p.published = true
						and exists (select 1 from therapist_licence l
						            where l.account_id = p.account_id and l.jurisdiction = :jurisdiction and l.expires_on >= :on)""");
		Map<String, Object> params = new HashMap<>(Map.of("jurisdiction", jurisdiction, "on", on));
		int i = 0;
		for (Map.Entry<String, String> tag : requiredTags.entrySet()) {
			sql.append("\nand exists (select 1 from therapist_tag t")
				.append(i)
				.append(" where t")
				.append(i)
				.append(".account_id = p.account_id and t")
				.append(i)
				.append(".kind = :kind")
				.append(i)
				.append(" and t")
				.append(i)
				.append(".tag = :tag")
				.append(i)
				.append(")");
			params.put("kind" + i, tag.getKey());
			params.put("tag" + i, tag.getValue());
			i++;
		}
		sql.append("\norder by p.accepting_new_clients desc, p.display_name, p.account_id");
		return jdbc.sql(sql.toString()).params(params).query(UUID.class).list();
	}

	Map<UUID, String> timeZones(Collection<UUID> accountIds) {
		Map<UUID, String> zones = new HashMap<>();
		if (!accountIds.isEmpty()) {
			jdbc.sql("select account_id, time_zone from therapist_profile where account_id in (:ids)")
				.param("ids", accountIds)
				.query(rs -> {
					zones.put(rs.getObject(1, UUID.class), rs.getString(2));
				});
		}
		return zones;
	}

	private void tag(UUID accountId, String kind, String tag) {
		jdbc.sql("insert into therapist_tag (account_id, kind, tag) values (:id, :kind, :tag)")
			.param("id", accountId)
			.param("kind", kind)
			.param("tag", tag)
			.update();
	}

	private Map<String, Set<String>> tags(UUID accountId) {
		Map<String, Set<String>> tags = new HashMap<>();
		jdbc.sql("select kind, tag from therapist_tag where account_id = :id")
			.param("id", accountId)
			.query((rs, n) -> tags.computeIfAbsent(rs.getString(1), k -> new TreeSet<>()).add(rs.getString(2)))
			.list();
		return tags;
	}

	private List<Profile.Licence> licences(UUID accountId) {
		return new ArrayList<>(jdbc.sql("""
				select id, jurisdiction, licence_type, number, expires_on from therapist_licence
				where account_id = :id order by jurisdiction, expires_on""")
			.param("id", accountId)
			.query((rs, n) -> new Profile.Licence(rs.getObject("id", UUID.class), rs.getString("jurisdiction"),
					rs.getString("licence_type"), rs.getString("number"), rs.getObject("expires_on", LocalDate.class)))
			.list());
	}

	private static Map<String, Object> params(Profile profile, Instant now) {
		Map<String, Object> params = new HashMap<>();
		params.put("id", profile.accountId());
		params.put("name", profile.displayName());
		params.put("pronouns", profile.pronouns());
		params.put("bio", profile.bio());
		params.put("fee", profile.fee());
		params.put("sliding", profile.slidingScale());
		params.put("accepting", profile.acceptingNewClients());
		params.put("zone", profile.timeZone());
		params.put("published", profile.published());
		params.put("now", Timestamps.utc(now));
		return params;
	}

	private record Row(String displayName, String pronouns, String bio, String fee, String slidingScale,
			boolean accepting, String timeZone, boolean published) {
	}

}
