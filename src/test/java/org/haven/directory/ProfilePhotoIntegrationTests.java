package org.haven.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.haven.identity.TestAccounts;
import org.haven.identity.TestAccounts.TestAccount;
import org.haven.support.IntegrationTest;
import org.haven.support.TestImages;
import org.haven.support.WebSession;
import org.haven.support.WebSession.Download;
import org.haven.support.WebSession.FilePart;
import org.haven.support.WebSession.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A therapist's profile photo: what is accepted, what is kept (re-encoded and sealed),
 * and who sees it.
 */
class ProfilePhotoIntegrationTests extends IntegrationTest {

	private static final Pattern PHOTO_FORM = Pattern
		.compile("action=\"([^\"]*/therapist/profile/photo[^\"]*)\"[^>]*enctype=\"multipart/form-data\"");

	private static final byte[] JPEG_MAGIC = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF };

	private static final byte[] PNG_MAGIC = { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A };

	private static final String NOT_JPEG_OR_PNG = "Upload a JPEG or PNG image. This file is not one";

	private static final String UNREADABLE = "This file could not be read as a photo.";

	private static final String TOO_LARGE = "The photo is larger than 2 MB.";

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	TestAccounts accounts;

	WebSession client;

	@BeforeEach
	void setUp() {
		accounts = TestAccounts.in(context);
		TestAccount someone = accounts.client(uniqueEmail("photo-viewer"));
		client = browser();
		client.signIn(someone.email(), someone.password(), null);
	}

	@Test
	void aJpegIsReEncodedScaledStrippedOfExifAndShownWithTheProfile() {
		TestAccount therapist = publishedTherapist("Dr. Jpeg Photo");
		WebSession browser = signedIn(therapist);
		byte[] upload = TestImages.jpegWithExif(1600, 1200, "GPS 51.5007N 0.1246W secret-place");

		Response saved = upload(browser, new FilePart("photo", "me.jpg", "image/jpeg", upload));
		assertThat(saved.location()).endsWith("/therapist/profile?photoSaved");

		Download served = client.download("/therapists/" + therapist.id() + "/photo");
		assertThat(served.status()).isEqualTo(200);
		assertThat(served.header("Content-Type")).isEqualTo("image/jpeg");
		assertThat(served.header("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(served.header("Cache-Control")).contains("private").contains("max-age=300");
		assertThat(served.body()).startsWith(JPEG_MAGIC).isNotEqualTo(upload);
		assertThat(new String(served.body(), StandardCharsets.ISO_8859_1)).doesNotContain("Exif")
			.doesNotContain("secret-place");
		BufferedImage image = TestImages.read(served.body());
		assertThat(image.getWidth()).isEqualTo(512);
		assertThat(image.getHeight()).isEqualTo(384);

		String profile = client.get("/therapists/" + therapist.id()).body();
		assertThat(profile).contains("alt=\"Photo of Dr. Jpeg Photo\"")
			.contains("/therapists/" + therapist.id() + "/photo?v=");
		String region = jdbc.sql("select jurisdiction from therapist_licence where account_id = :id")
			.param("id", therapist.id())
			.query(String.class)
			.single();
		assertThat(client.get("/therapists?jurisdiction=" + region).body()).contains("alt=\"Photo of Dr. Jpeg Photo\"");
		assertThat(browser.get("/therapist/profile").body()).contains("alt=\"Photo of Dr. Jpeg Photo\"")
			.contains("/therapist/profile/photo?v=")
			.contains("Remove photo");
		assertThat(audited(therapist, "THERAPIST_PHOTO_UPLOADED")).isOne();
	}

	@Test
	void aPngStaysAPngWithoutItsTextChunks() {
		TestAccount therapist = publishedTherapist("Dr. Png Photo");
		byte[] upload = TestImages.pngWithText(300, 200, "taken-at-home");

		assertThat(upload(signedIn(therapist), new FilePart("photo", "me.png", "image/png", upload)).location())
			.endsWith("/therapist/profile?photoSaved");

		Download served = client.download("/therapists/" + therapist.id() + "/photo");
		assertThat(served.header("Content-Type")).isEqualTo("image/png");
		assertThat(served.body()).startsWith(PNG_MAGIC).isNotEqualTo(upload);
		assertThat(new String(served.body(), StandardCharsets.ISO_8859_1)).doesNotContain("taken-at-home")
			.doesNotContain("tEXt");
		BufferedImage image = TestImages.read(served.body());
		assertThat(image.getWidth()).as("small photos are not enlarged").isEqualTo(300);
		assertThat(image.getHeight()).isEqualTo(200);
	}

	@Test
	void theTypeComesFromTheBytesNotTheNameOrContentType() {
		TestAccount therapist = publishedTherapist("Dr. Renamed File");
		Response saved = upload(signedIn(therapist),
				new FilePart("photo", "holiday.jpg", "image/jpeg", TestImages.png(64, 64)));
		assertThat(saved.location()).endsWith("/therapist/profile?photoSaved");
		assertThat(client.download("/therapists/" + therapist.id() + "/photo").header("Content-Type"))
			.isEqualTo("image/png");
	}

	@Test
	void filesThatAreNotJpegOrPngAreRefusedWhateverTheyClaim() {
		TestAccount therapist = publishedTherapist("Dr. Wrong Type");
		WebSession browser = signedIn(therapist);
		Map<FilePart, String> refused = new LinkedHashMap<>();
		refused.put(new FilePart("photo", "cat.gif", "image/gif", TestImages.gif(40, 40)), NOT_JPEG_OR_PNG);
		refused.put(new FilePart("photo", "me.jpg", "image/jpeg",
				"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
					.getBytes(StandardCharsets.UTF_8)),
				NOT_JPEG_OR_PNG);
		refused.put(new FilePart("photo", "me.png", "image/png",
				"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>".getBytes(StandardCharsets.UTF_8)),
				NOT_JPEG_OR_PNG);
		refused.put(
				new FilePart("photo", "notes.txt", "text/plain", "just some words".getBytes(StandardCharsets.UTF_8)),
				NOT_JPEG_OR_PNG);
		refused.put(new FilePart("photo", "empty.jpg", "image/jpeg", new byte[0]), "Choose a photo to upload.");
		refused.put(new FilePart("photo", "broken.jpg", "image/jpeg", garbageAfter(JPEG_MAGIC)), UNREADABLE);
		refused.put(new FilePart("photo", "broken.png", "image/png", garbageAfter(PNG_MAGIC)), UNREADABLE);
		byte[] whole = TestImages.jpeg(400, 300);
		refused.put(new FilePart("photo", "cut.jpg", "image/jpeg", Arrays.copyOf(whole, whole.length / 2)), UNREADABLE);
		refused.put(new FilePart("photo", "wide.png", "image/png", TestImages.png(7000, 10)),
				"The photo is 7000 by 10 pixels.");
		refused.put(new FilePart("photo", "bomb.png", "image/png", TestImages.pngClaiming(60000, 60000)),
				"The photo is 60000 by 60000 pixels.");

		refused.forEach((file, message) -> {
			Response response = upload(browser, file);
			assertThat(response.status()).as(file.filename()).isEqualTo(200);
			assertThat(response.body()).as(file.filename())
				.contains(message)
				.contains("id=\"photo-error\"")
				.contains("aria-describedby=\"photo-hint photo-error\"");
			assertThat(photoRows(therapist)).as(file.filename()).isZero();
		});
		assertThat(client.download("/therapists/" + therapist.id() + "/photo").status()).isEqualTo(404);
		assertThat(audited(therapist, "THERAPIST_PHOTO_UPLOADED")).isZero();
	}

	@Test
	void filesOverTwoMegabytesAreRefusedWithAMessage() {
		TestAccount therapist = publishedTherapist("Dr. Large File");
		WebSession browser = signedIn(therapist);
		for (int size : new int[] { 2 * 1024 * 1024 + 1, 3 * 1024 * 1024 + 512 * 1024 }) {
			byte[] big = Arrays.copyOf(TestImages.png(16, 16), size);
			Response refused = upload(browser, new FilePart("photo", "big.png", "image/png", big));
			assertThat(refused.location()).as("%d bytes: %d", size, refused.status())
				.endsWith("/therapist/profile?photoTooLarge");
			Response page = browser.get("/therapist/profile?photoTooLarge");
			assertThat(page.body()).contains(TOO_LARGE).contains("aria-describedby=\"photo-hint photo-error\"");
			assertThat(photoRows(therapist)).isZero();
		}
		// Just under the limit (and a real photo) is fine.
		assertThat(upload(browser, new FilePart("photo", "ok.jpg", "image/jpeg", TestImages.jpeg(800, 800))).location())
			.endsWith("/therapist/profile?photoSaved");
	}

	@Test
	void theDatabaseHoldsOnlyCiphertext() {
		TestAccount therapist = publishedTherapist("Dr. Sealed Photo");
		upload(signedIn(therapist), new FilePart("photo", "me.jpg", "image/jpeg", TestImages.jpeg(200, 200)));
		byte[] stored = jdbc.sql("select sealed from therapist_photo where account_id = :id")
			.param("id", therapist.id())
			.query(byte[].class)
			.single();
		assertThat(Arrays.copyOf(stored, 3)).isNotEqualTo(JPEG_MAGIC).isEqualTo(new byte[] { 'H', 'V', 1 });
		assertThat(Arrays.copyOf(stored, 8)).isNotEqualTo(PNG_MAGIC);
		assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("JFIF");
	}

	@Test
	void aTherapistChangesAndRemovesOnlyTheirOwnPhoto() {
		TestAccount owner = publishedTherapist("Dr. Photo Owner");
		TestAccount other = publishedTherapist("Dr. Photo Other");
		WebSession ownerBrowser = signedIn(owner);
		upload(ownerBrowser, new FilePart("photo", "me.jpg", "image/jpeg", TestImages.jpeg(300, 300)));
		byte[] ownersPhoto = client.download("/therapists/" + owner.id() + "/photo").body();

		WebSession otherBrowser = signedIn(other);
		upload(otherBrowser, new FilePart("photo", "me.png", "image/png", TestImages.png(100, 50)));
		otherBrowser.submit("/therapist/profile", "/therapist/profile/photo/delete", Map.of());
		assertThat(client.download("/therapists/" + owner.id() + "/photo").body()).isEqualTo(ownersPhoto);
		assertThat(client.download("/therapists/" + other.id() + "/photo").status()).isEqualTo(404);

		Response removed = ownerBrowser.submit("/therapist/profile", "/therapist/profile/photo/delete", Map.of());
		assertThat(removed.location()).endsWith("/therapist/profile?photoRemoved");
		assertThat(photoRows(owner)).isZero();
		assertThat(client.download("/therapists/" + owner.id() + "/photo").status()).isEqualTo(404);
		assertThat(ownerBrowser.download("/therapist/profile/photo").status()).isEqualTo(404);
		assertThat(client.get("/therapists/" + owner.id()).body()).doesNotContain("Photo of Dr. Photo Owner");
		assertThat(audited(owner, "THERAPIST_PHOTO_REMOVED")).isOne();
	}

	@Test
	void clientsSeeThePhotoOnlyWhileTheProfileIsPublishedButTheTherapistAlwaysDoes() {
		TestAccount therapist = accounts.therapist(uniqueEmail("photo-unpublished"));
		WebSession browser = signedIn(therapist);
		// A photo before anything else: the profile row is created for it, unpublished.
		assertThat(upload(browser, new FilePart("photo", "me.jpg", "image/jpeg", TestImages.jpeg(100, 100))).location())
			.endsWith("/therapist/profile?photoSaved");
		assertThat(client.download("/therapists/" + therapist.id() + "/photo").status()).isEqualTo(404);
		Download own = browser.download("/therapist/profile/photo");
		assertThat(own.status()).isEqualTo(200);
		assertThat(own.header("Content-Type")).isEqualTo("image/jpeg");
		assertThat(own.header("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(browser.get("/therapist/profile").body()).contains("alt=\"Photo of Test therapist\"");
	}

	@Test
	void clientsAndStrangersCannotUpload() {
		long before = jdbc.sql("select count(*) from therapist_photo").query(Long.class).single();
		WebSession anonymous = browser();
		anonymous.get("/login");
		Response strangers = anonymous.postMultipart("/therapist/profile/photo", Map.of(),
				new FilePart("photo", "me.jpg", "image/jpeg", TestImages.jpeg(50, 50)));
		assertThat(strangers.status()).isEqualTo(302);
		assertThat(strangers.location()).endsWith("/login");

		client.get("/home");
		Response clients = client.postMultipart("/therapist/profile/photo", Map.of(),
				new FilePart("photo", "me.jpg", "image/jpeg", TestImages.jpeg(50, 50)));
		assertThat(clients.status()).isEqualTo(403);
		assertThat(client.post("/therapist/profile/photo/delete", Map.of()).status()).isEqualTo(403);
		assertThat(client.download("/therapist/profile/photo").status()).isEqualTo(403);
		assertThat(jdbc.sql("select count(*) from therapist_photo").query(Long.class).single()).isEqualTo(before);
	}

	/** Uploads the way the page's form does: to its action, with the token it carries. */
	private static Response upload(WebSession browser, FilePart file) {
		Response page = browser.get("/therapist/profile");
		Matcher form = PHOTO_FORM.matcher(page.body());
		assertThat(form.find()).as("the photo form on the profile page").isTrue();
		return browser.postMultipart(form.group(1).replace("&amp;", "&"), Map.of(), file);
	}

	private static byte[] garbageAfter(byte[] magic) {
		byte[] garbage = "not really an image, only its first bytes are right. ".repeat(40)
			.getBytes(StandardCharsets.US_ASCII);
		byte[] file = Arrays.copyOf(magic, magic.length + garbage.length);
		System.arraycopy(garbage, 0, file, magic.length, garbage.length);
		return file;
	}

	private long photoRows(TestAccount therapist) {
		return jdbc.sql("select count(*) from therapist_photo where account_id = :id")
			.param("id", therapist.id())
			.query(Long.class)
			.single();
	}

	private long audited(TestAccount therapist, String action) {
		return jdbc.sql("select count(*) from audit_entry where action = :action and subject = :subject")
			.param("action", action)
			.param("subject", "account:" + therapist.id())
			.query(Long.class)
			.single();
	}

	/**
	 * A therapist with a published profile, licensed in a place of their own so searches
	 * show only them.
	 */
	private TestAccount publishedTherapist(String name) {
		TestAccount therapist = accounts.therapist(uniqueEmail("photo-therapist"));
		WebSession browser = signedIn(therapist);
		String region = "US-" + Long.toString(System.nanoTime() % 46656, 36).toUpperCase();
		Response licence = browser.submit("/therapist/profile", "/therapist/profile/licences", Map.of("jurisdiction",
				region, "licenceType", "LMFT", "number", "L-1", "expiresOn", LocalDate.now().plusYears(1).toString()));
		assertThat(licence.location()).endsWith("/therapist/profile?licenceAdded");
		Map<String, String> form = new LinkedHashMap<>();
		form.put("displayName", name);
		form.put("timeZone", "America/Los_Angeles");
		form.put("modalities", "VIDEO");
		form.put("acceptingNewClients", "true");
		form.put("published", "true");
		assertThat(browser.submit("/therapist/profile", "/therapist/profile", form).location())
			.endsWith("/therapist/profile?saved");
		return therapist;
	}

	private WebSession signedIn(TestAccount therapist) {
		WebSession browser = browser();
		browser.signIn(therapist.email(), therapist.password(), therapist.code());
		// The next sign-in of the same account needs the next TOTP step.
		clock.advance(Duration.ofSeconds(30));
		return browser;
	}

}
