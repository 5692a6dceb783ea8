package org.haven.identity.internal;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.OptionalLong;

import javax.imageio.ImageIO;

import org.springframework.stereotype.Component;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import dev.samstevens.totp.secret.DefaultSecretGenerator;

/**
 * RFC 6238 time-based one-time passwords: SHA-1, 6 digits, 30-second steps, one step of
 * drift either way. Verification returns the matched time step so that callers can refuse
 * a code that was used already.
 */
@Component
class Totp {

	static final int PERIOD_SECONDS = 30;

	private static final String ISSUER = "Haven";

	private final Clock clock;

	private final DefaultCodeGenerator generator = new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6);

	private final DefaultSecretGenerator secrets = new DefaultSecretGenerator(32);

	Totp(Clock clock) {
		this.clock = clock;
	}

	String newSecret() {
		return secrets.generate();
	}

	long currentStep() {
		return Math.floorDiv(clock.instant().getEpochSecond(), PERIOD_SECONDS);
	}

	/** The code for the current step (used by tests and demo tooling). */
	public String codeNow(String secret) {
		return code(secret, currentStep());
	}

	String code(String secret, long step) {
		try {
			return generator.generate(secret, step);
		}
		catch (CodeGenerationException ex) {
			throw new IllegalStateException("Cannot compute a TOTP code", ex);
		}
	}

	/**
	 * The step at which {@code code} is valid (now, or one step before or after), if any.
	 */
	OptionalLong verify(String secret, String code) {
		if (code == null) {
			return OptionalLong.empty();
		}
		String digits = code.replaceAll("\\s", "");
		if (!digits.matches("\\d{6}")) {
			return OptionalLong.empty();
		}
		long now = currentStep();
		for (long step = now - 1; step <= now + 1; step++) {
			if (Hashes.equalsConstantTime(code(secret, step), digits)) {
				return OptionalLong.of(step);
			}
		}
		return OptionalLong.empty();
	}

	String otpauthUri(String secret, String accountEmail) {
		String label = URLEncoder.encode(ISSUER + ":" + accountEmail, StandardCharsets.UTF_8).replace("+", "%20");
		return "otpauth://totp/" + label + "?secret=" + secret + "&issuer=" + ISSUER
				+ "&algorithm=SHA1&digits=6&period=" + PERIOD_SECONDS;
	}

	/** A PNG QR code of the otpauth URI, as a data: URI for an img element. */
	String qrDataUri(String otpauthUri) {
		try {
			BitMatrix matrix = new QRCodeWriter().encode(otpauthUri, BarcodeFormat.QR_CODE, 240, 240,
					Map.of(EncodeHintType.MARGIN, 2));
			BufferedImage image = new BufferedImage(matrix.getWidth(), matrix.getHeight(),
					BufferedImage.TYPE_BYTE_BINARY);
			for (int x = 0; x < matrix.getWidth(); x++) {
				for (int y = 0; y < matrix.getHeight(); y++) {
					image.setRGB(x, y, matrix.get(x, y) ? 0x000000 : 0xFFFFFF);
				}
			}
			ByteArrayOutputStream png = new ByteArrayOutputStream();
			ImageIO.write(image, "png", png);
			return "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());
		}
		catch (WriterException ex) {
			throw new IllegalStateException("Cannot draw the QR code", ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
