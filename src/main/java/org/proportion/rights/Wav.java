package org.proportion.rights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The header of a RIFF/WAVE file, read and checked before a spoken notice is served: a file
 * espeak-ng left short or empty (killed, disk full) is refused rather than handed to a person.
 *
 * @param channels 1 for mono
 * @param sampleRate samples per second
 * @param bitsPerSample 16 for espeak-ng's PCM
 * @param dataBytes the length of the sound itself
 */
public record Wav(int channels, int sampleRate, int bitsPerSample, long dataBytes) {

	/** Seconds of sound. */
	public double seconds() {
		return dataBytes / (double) (sampleRate * channels * (bitsPerSample / 8));
	}

	/** Parses PCM WAVE; throws IllegalArgumentException for anything else, or a file cut short. */
	public static Wav parse(byte[] bytes) {
		ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
		if (bytes.length < 44 || !ascii(bytes, 0, "RIFF") || !ascii(bytes, 8, "WAVE")) {
			throw new IllegalArgumentException("Not a WAVE file");
		}
		if (Integer.toUnsignedLong(b.getInt(4)) + 8 != bytes.length) {
			throw new IllegalArgumentException("The WAVE file's length does not match its header");
		}
		int at = 12;
		Integer channels = null;
		int rate = 0;
		int bits = 0;
		while (at + 8 <= bytes.length) {
			long size = Integer.toUnsignedLong(b.getInt(at + 4));
			if (ascii(bytes, at, "fmt ")) {
				if (size < 16 || b.getShort(at + 8) != 1) {
					throw new IllegalArgumentException("The WAVE file is not PCM");
				}
				channels = (int) b.getShort(at + 10);
				rate = b.getInt(at + 12);
				bits = b.getShort(at + 22);
			}
			else if (ascii(bytes, at, "data")) {
				if (channels == null || channels < 1 || rate <= 0 || bits <= 0) {
					throw new IllegalArgumentException("The WAVE file has no usable format before its data");
				}
				if (at + 8 + size > bytes.length) {
					throw new IllegalArgumentException("The WAVE file is cut short");
				}
				return new Wav(channels, rate, bits, size);
			}
			at += 8 + (int) size + (int) (size & 1);
		}
		throw new IllegalArgumentException("The WAVE file has no data");
	}

	private static boolean ascii(byte[] bytes, int at, String tag) {
		return at + 4 <= bytes.length && new String(bytes, at, 4, StandardCharsets.US_ASCII).equals(tag);
	}

}
