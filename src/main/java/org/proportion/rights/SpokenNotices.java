package org.proportion.rights;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * The easy-read notice read aloud, for people who cannot read: a WAV file made by Debian's
 * espeak-ng in the notice's language, which the case worker plays or hands over. Fails closed:
 * without espeak-ng, or when it fails, there is no file at all, never part of one. The words go
 * to espeak-ng on its standard input, not its command line, so they never show in a process list;
 * nothing about the person is logged.
 */
@Service
public class SpokenNotices {

	private static final Logger log = LoggerFactory.getLogger(SpokenNotices.class);

	/** Slower than espeak-ng's 175 words a minute: easier to follow. */
	static final int WORDS_PER_MINUTE = 140;

	private static final long TIMEOUT_SECONDS = 60;

	/**
	 * At most two voices at once: a notice takes a core for seconds, and the gateway runs on a
	 * small machine that also builds packs. A caller waits its turn a while, then is told to retry.
	 */
	private final Semaphore voices = new Semaphore(2, true);

	private final String command;

	public SpokenNotices(@Value("${proportion.notices.espeak:espeak-ng}") String command) {
		this.command = command;
	}

	/** The notice as WAV bytes, checked; or {@link SpeechUnavailable}. */
	public byte[] wav(Notices.Notice notice) {
		return wav(Notices.speech(notice), notice.voice());
	}

	public byte[] wav(String text, String voice) {
		Path program = program();
		try {
			if (!voices.tryAcquire(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				throw new SpeechUnavailable("Other spoken notices are being made; try again in a minute");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SpeechUnavailable("Interrupted while waiting to speak; no audio was made");
		}
		try {
			return speak(program, text, voice);
		}
		finally {
			voices.release();
		}
	}

	private byte[] speak(Path program, String text, String voice) {
		Path out = null;
		try {
			out = Files.createTempFile("notice", ".wav");
			Process process = new ProcessBuilder(program.toString(), "-v", voice, "-s", String.valueOf(WORDS_PER_MINUTE),
					"-w", out.toString(), "--stdin")
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.redirectError(ProcessBuilder.Redirect.DISCARD)
				.start();
			try (OutputStream in = process.getOutputStream()) {
				in.write(text.getBytes(StandardCharsets.UTF_8));
			}
			if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new SpeechUnavailable("espeak-ng did not finish within " + TIMEOUT_SECONDS + " s; no audio was made");
			}
			if (process.exitValue() != 0) {
				log.warn("espeak-ng exited with {} for voice {}", process.exitValue(), voice);
				throw new SpeechUnavailable("espeak-ng failed (exit " + process.exitValue() + ") for voice '" + voice
						+ "'; no audio was made");
			}
			byte[] bytes = Files.readAllBytes(out);
			Wav wav;
			try {
				wav = Wav.parse(bytes);
			}
			catch (IllegalArgumentException broken) {
				throw new SpeechUnavailable("espeak-ng gave a broken WAVE file (" + broken.getMessage() + "); not served");
			}
			if (wav.dataBytes() == 0) {
				throw new SpeechUnavailable("espeak-ng gave no sound; not served");
			}
			return bytes;
		}
		catch (IOException ex) {
			throw new SpeechUnavailable("espeak-ng could not be run (" + ex.getClass().getSimpleName() + "); no audio was made");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SpeechUnavailable("Interrupted while espeak-ng was speaking; no audio was made");
		}
		finally {
			if (out != null) {
				try {
					Files.deleteIfExists(out);
				}
				catch (IOException ignored) {
					// A temporary file of sound only; the system's temporary folder is cleared.
				}
			}
		}
	}

	/** The espeak-ng program: a path as configured, or found on the PATH. */
	Path program() {
		if (command.contains(File.separator)) {
			Path path = Path.of(command);
			if (Files.isExecutable(path)) {
				return path;
			}
		}
		else {
			String searchPath = System.getenv("PATH");
			for (String dir : (searchPath == null ? "" : searchPath).split(File.pathSeparator)) {
				Path candidate = Path.of(dir.isEmpty() ? "." : dir, command);
				if (Files.isExecutable(candidate)) {
					return candidate;
				}
			}
		}
		throw new SpeechUnavailable("espeak-ng is not installed (looked for '" + command + "'): install Debian's espeak-ng"
				+ " (apt-get install -y espeak-ng; ./proportion run and test do) to make spoken notices");
	}

}
