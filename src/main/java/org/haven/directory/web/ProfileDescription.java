package org.haven.directory.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.haven.directory.Modality;
import org.haven.directory.internal.Profile;

/**
 * The one-line summary of a published profile that search engines and link previews show
 * under its title, from what the therapist chose to publish: name, licences valid today
 * and the ways they meet. Never more than {@link #MAX} characters, the length search
 * engines show.
 */
final class ProfileDescription {

	static final int MAX = 160;

	/** Shorter than the labels of the forms, to fit one line. */
	private static final Map<Modality, String> WAYS = Map.of(Modality.VIDEO, "video", Modality.AUDIO, "audio",
			Modality.CHAT, "live chat", Modality.LETTERS, "letters", Modality.SMS, "text messages");

	private ProfileDescription() {
	}

	static String of(Profile profile, LocalDate today) {
		Set<String> types = new LinkedHashSet<>();
		Set<String> places = new LinkedHashSet<>();
		profile.licences().stream().filter(l -> l.validOn(today)).forEach(l -> {
			types.add(l.type());
			places.add(l.jurisdiction());
		});
		List<String> ways = new ArrayList<>();
		for (Modality modality : Modality.values()) {
			if (profile.modalities().contains(modality)) {
				ways.add(WAYS.get(modality));
			}
		}
		String where = places.isEmpty() ? "" : " licensed in " + join(places);
		String how = ways.isEmpty() ? " Online therapy on Haven." : " Meets clients by " + join(ways) + " on Haven.";
		String full = profile.displayName() + (types.isEmpty() ? ", therapist" : ", " + join(types)) + where + "."
				+ how;
		if (full.length() <= MAX) {
			return full;
		}
		String shorter = profile.displayName() + ", therapist" + where + "." + how;
		return shorter.length() <= MAX ? shorter : cut(shorter);
	}

	private static String join(Iterable<String> items) {
		List<String> list = new ArrayList<>();
		items.forEach(list::add);
		if (list.size() == 1) {
			return list.get(0);
		}
		return String.join(", ", list.subList(0, list.size() - 1)) + " and " + list.get(list.size() - 1);
	}

	/** At a word boundary, with an ellipsis, within the limit. */
	private static String cut(String text) {
		int end = text.lastIndexOf(' ', MAX - 1);
		return text.substring(0, end > 0 ? end : MAX - 1) + "…";
	}

}
