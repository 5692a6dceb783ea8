package org.haven.directory.web;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import org.haven.directory.internal.ProfilePhotos;
import org.haven.directory.internal.ProfilePhotos.Photo;
import org.haven.identity.CurrentAccount;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Profile photos as images. Pages link them with the current upload id in the query, so a
 * browser may keep a copy for a few minutes without showing an old photo. Privately,
 * although published photos are open to everyone: a shared cache would go on serving a
 * photo for minutes after its therapist unpublished the profile or removed it.
 */
@RestController
class PhotoController {

	private static final CacheControl CACHE = CacheControl.maxAge(Duration.ofMinutes(5)).cachePrivate();

	private final ProfilePhotos photos;

	PhotoController(ProfilePhotos photos) {
		this.photos = photos;
	}

	/**
	 * Whoever may see the profile page may see its photo: published profiles of active
	 * therapists.
	 */
	@GetMapping("/therapists/{id}/photo")
	ResponseEntity<byte[]> published(@PathVariable UUID id) {
		return image(photos.published(id));
	}

	/**
	 * The therapist's own photo, for the preview on the edit page, whether or not the
	 * profile is published.
	 */
	@GetMapping("/therapist/profile/photo")
	ResponseEntity<byte[]> own(@AuthenticationPrincipal CurrentAccount therapist) {
		return image(photos.own(therapist.id()));
	}

	private static ResponseEntity<byte[]> image(Optional<Photo> photo) {
		Photo found = photo.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(found.mediaType()))
			.cacheControl(CACHE)
			// Also set globally; repeated here because serving stored bytes is where
			// sniffing would hurt.
			.header("X-Content-Type-Options", "nosniff")
			.body(found.bytes());
	}

}
