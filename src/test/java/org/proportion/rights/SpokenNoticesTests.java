package org.proportion.rights;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The spoken notice fails closed: no espeak-ng, a failing one, or one that leaves a broken file
 * gives a clear refusal and no audio at all; and the refusal never carries the notice's words.
 */
class SpokenNoticesTests {

	static final String WORDS = "They know your name, Agnieszka.";

	@Test
	void withoutEspeakNgItSaysSoAndMakesNothing() {
		assertThatThrownBy(() -> new SpokenNotices("/nowhere/espeak-ng").wav(WORDS, "en-gb"))
			.isInstanceOf(SpeechUnavailable.class)
			.hasMessageContaining("espeak-ng is not installed")
			.hasMessageContaining("apt-get install -y espeak-ng")
			.hasMessageNotContaining("Agnieszka");
		assertThatThrownBy(() -> new SpokenNotices("no-such-espeak-ng-program").wav(WORDS, "en-gb"))
			.isInstanceOf(SpeechUnavailable.class)
			.hasMessageContaining("not installed");
	}

	@Test
	void aFailingOrTruncatedRunIsNeverServed(@TempDir Path dir) throws Exception {
		Path failing = script(dir, "failing", "cat >/dev/null; exit 3");
		assertThatThrownBy(() -> new SpokenNotices(failing.toString()).wav(WORDS, "en-gb"))
			.isInstanceOf(SpeechUnavailable.class)
			.hasMessageContaining("exit 3")
			.hasMessageNotContaining("Agnieszka");
		// Writes a header claiming more sound than the file holds, and says all is well.
		Path truncating = script(dir, "truncating", """
				cat >/dev/null
				out=""; while [ $# -gt 0 ]; do [ "$1" = "-w" ] && out="$2"; shift; done
				printf 'RIFF\\x24\\x10\\x00\\x00WAVEfmt \\x10\\x00\\x00\\x00\\x01\\x00\\x01\\x00\\x22\\x56\\x00\\x00\\x44\\xac\\x00\\x00\\x02\\x00\\x10\\x00data\\x00\\x10\\x00\\x00' > "$out"
				""");
		assertThatThrownBy(() -> new SpokenNotices(truncating.toString()).wav(WORDS, "en-gb"))
			.isInstanceOf(SpeechUnavailable.class)
			.hasMessageContaining("broken WAVE file");
	}

	@Test
	void espeakNgGivesAValidWave() {
		NoticesTests.requireEspeakNg();
		byte[] bytes = new SpokenNotices("espeak-ng").wav("Some workers met to talk about how to help you.", "en-gb");
		Wav wav = Wav.parse(bytes);
		assertThat(wav.sampleRate()).isPositive();
		assertThat(wav.seconds() / 10).isBetween(0.2, 1.0);
	}

	@Test
	void theHeaderParserRefusesWhatIsNotWholePcmWave() {
		assertThatThrownBy(() -> Wav.parse(new byte[10])).hasMessageContaining("Not a WAVE file");
		assertThatThrownBy(() -> Wav.parse("RIFF\0\0\0\0WAVEjunkjunkjunkjunkjunkjunkjunkjunkjunk".getBytes()))
			.isInstanceOf(IllegalArgumentException.class);
	}

	static Path script(Path dir, String name, String body) throws Exception {
		Path script = dir.resolve(name);
		Files.writeString(script, "#!/bin/sh\n" + body + "\n");
		Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
		return script;
	}

}
