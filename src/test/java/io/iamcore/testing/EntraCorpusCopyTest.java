package io.iamcore.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class EntraCorpusCopyTest {

  @Test
  void copy_matchesSharedCorpus() throws Exception {
    Path shared = EntraFixtures.shared();
    assumeTrue(Files.isDirectory(shared), "no ../shared/entra-corpus next to this checkout");
    try (Stream<Path> files = Files.list(shared)) {
      for (Path original : files.filter(f -> f.toString().endsWith(".json")).toList()) {
        Path copy = EntraFixtures.directory().resolve(original.getFileName());
        assertThat(copy).as("vendored copy of " + original.getFileName()).exists();
        assertThat(Files.readString(copy)).isEqualTo(Files.readString(original));
      }
    }
    try (Stream<Path> copies = Files.list(EntraFixtures.directory())) {
      assertThat(copies.count()).isEqualTo(Files.list(shared).count());
    }
  }
}
