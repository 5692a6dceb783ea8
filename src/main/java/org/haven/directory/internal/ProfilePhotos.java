package org.haven.directory.internal;

import org.haven.shared.web.Refusal;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.haven.audit.AuditTrail;
import org.haven.shared.crypto.FieldEncryption;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A therapist's profile photo: checked and re-encoded by {@link PhotoImages}, stored
 * sealed with {@link FieldEncryption}, shown to clients only while the profile is
 * published.
 */
@Service
public class ProfilePhotos {

	private final PhotoStore store;

	private final Profiles profiles;

	private final FieldEncryption encryption;

	private final AuditTrail audit;

	private final Clock clock;

	ProfilePhotos(PhotoStore store, Profiles profiles, FieldEncryption encryption, AuditTrail audit, Clock clock) {
		this.store = store;
		this.profiles = profiles;
		this.encryption = encryption;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Replaces the therapist's photo; throws {@link Refusal} (field "photo") for an
	 * unusable file.
	 */
	@Transactional
	public void replace(UUID accountId, byte[] upload) {
		PhotoImages.Encoded image = PhotoImages.reencode(upload);
		profiles.ensureStored(accountId);
		store.save(accountId, image.mediaType(), encryption.encrypt(image.bytes()), clock.instant());
		audit.record(AuditTrail.account(accountId), "THERAPIST_PHOTO_UPLOADED", AuditTrail.account(accountId),
				image.mediaType());
	}

	/**
	 * The message for an upload the server refused by size before it reached
	 * {@link #replace}.
	 */
	public static String tooLargeMessage() {
		return PhotoImages.tooLarge().getMessage();
	}

	@Transactional
	public boolean remove(UUID accountId) {
		boolean removed = store.delete(accountId);
		if (removed) {
			audit.record(AuditTrail.account(accountId), "THERAPIST_PHOTO_REMOVED", AuditTrail.account(accountId));
		}
		return removed;
	}

	/** The therapist's own photo, published or not. */
	@Transactional(readOnly = true)
	public Optional<Photo> own(UUID accountId) {
		return store.load(accountId).map(this::open);
	}

	/**
	 * The photo as clients may see it: only of a published profile of an active
	 * therapist.
	 */
	@Transactional(readOnly = true)
	public Optional<Photo> published(UUID accountId) {
		return profiles.findPublished(accountId).flatMap(p -> own(accountId));
	}

	/**
	 * Changes whenever the photo does, for URLs that may be cached; empty without a
	 * photo.
	 */
	@Transactional(readOnly = true)
	public Optional<String> version(UUID accountId) {
		return store.uploadId(accountId).map(UUID::toString);
	}

	private Photo open(PhotoStore.Sealed sealed) {
		return new Photo(sealed.mediaType(), encryption.decrypt(sealed.ciphertext()), sealed.updatedAt());
	}

	public record Photo(String mediaType, byte[] bytes, Instant updatedAt) {
	}

}
