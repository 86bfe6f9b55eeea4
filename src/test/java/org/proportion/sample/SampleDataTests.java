package org.proportion.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.proportion.support.OpaServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed sample drops are exactly what the seeded generator writes, so anyone can
 * regenerate them: {@code mvn test -Dtest=SampleDataTests -Dsamples.regenerate=true}.
 */
class SampleDataTests {

	static final Path DROPS = OpaServer.projectDir().resolve("src/main/resources/samples/drops");

	@Test
	void committedSamplesMatchTheGenerator() throws IOException {
		if (Boolean.getBoolean("samples.regenerate")) {
			new SampleGenerator().write(DROPS);
		}
		Path fresh = Files.createTempDirectory("samples");
		new SampleGenerator().write(fresh);
		for (Path file : files(fresh)) {
			Path committed = DROPS.resolve(fresh.relativize(file).toString());
			assertThat(committed).exists();
			assertThat(Files.readString(committed)).as(committed.toString()).isEqualTo(Files.readString(file));
		}
		assertThat(files(DROPS)).hasSameSizeAs(files(fresh));
	}

	private static List<Path> files(Path root) throws IOException {
		try (Stream<Path> walk = Files.walk(root)) {
			return walk.filter(Files::isRegularFile).sorted().toList();
		}
	}

}
