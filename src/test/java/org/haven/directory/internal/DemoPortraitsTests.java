package org.haven.directory.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;

import org.haven.support.TestImages;
import org.junit.jupiter.api.Test;

class DemoPortraitsTests {

	@Test
	void initialsLeaveOutTitlesAndWhatFollowsAComma() {
		assertThat(DemoPortraits.initials("Dr. Robin Reyes")).isEqualTo("RR");
		assertThat(DemoPortraits.initials("Sam Okafor, LCSW")).isEqualTo("SO");
		assertThat(DemoPortraits.initials("aroha")).isEqualTo("A");
		assertThat(DemoPortraits.initials("Dr.")).isEqualTo("?");
	}

	@Test
	void aPortraitIsAPhotoHavenAcceptsAsIfUploaded() {
		byte[] png = DemoPortraits.png("Dr. Robin Reyes");

		PhotoImages.Encoded stored = PhotoImages.reencode(png);
		assertThat(stored.mediaType()).isEqualTo("image/png");
		BufferedImage image = TestImages.read(stored.bytes());
		assertThat(image.getWidth()).isEqualTo(DemoPortraits.SIDE);
		assertThat(image.getHeight()).isEqualTo(DemoPortraits.SIDE);
		// The initials are drawn: the centre differs from the plain corner behind it.
		int corner = image.getRGB(4, 4);
		long drawn = 0;
		for (int x = DemoPortraits.SIDE / 4; x < DemoPortraits.SIDE * 3 / 4; x += 4) {
			int rgb = image.getRGB(x, DemoPortraits.SIDE / 2);
			if ((rgb & 0xFF) > 0xF0 && ((rgb >> 8) & 0xFF) > 0xF0) {
				drawn++;
			}
		}
		assertThat(drawn).as("near-white pixels of the initials across the middle").isPositive();
		assertThat(corner & 0xFFFFFF).isNotEqualTo(0xFBFAF7);
	}

	@Test
	void aNameAlwaysGetsTheSamePortrait() {
		assertThat(DemoPortraits.png("Sam Okafor, LCSW")).isEqualTo(DemoPortraits.png("Sam Okafor, LCSW"));
	}

}
