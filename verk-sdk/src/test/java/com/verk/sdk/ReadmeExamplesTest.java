package com.verk.sdk;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Java example of README.md is in the consumer project (src/it/consumer), which .ci/consumers
 * compiles against the installed artifact: so an example that stops compiling fails CI.
 */
class ReadmeExamplesTest {

  static final Pattern JAVA_BLOCK = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL);

  @Test
  void every_java_example_of_the_readme_is_compiled_by_the_consumer_project() throws IOException {
    List<String> blocks = javaBlocks(Path.of("README.md"));
    String consumer = normalised(sources(Path.of("src/it/consumer/src/main/java")));

    assertThat(blocks).hasSizeGreaterThanOrEqualTo(10);
    for (String block : blocks) {
      assertThat(consumer).as("README example:%n%s", block).contains(normalised(block));
    }
  }

  static List<String> javaBlocks(Path readme) throws IOException {
    Matcher m = JAVA_BLOCK.matcher(Files.readString(readme, UTF_8));
    List<String> blocks = new ArrayList<>();
    while (m.find()) {
      blocks.add(m.group(1));
    }
    return blocks;
  }

  static String sources(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      List<Path> java = files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
      StringBuilder all = new StringBuilder();
      for (Path f : java) {
        all.append(Files.readString(f, UTF_8)).append('\n');
      }
      return all.toString();
    }
  }

  /** Whitespace runs as one space: indentation inside a wrapper does not matter. */
  static String normalised(String code) {
    return code.lines()
        .map(String::strip)
        .filter(line -> !line.isEmpty())
        .collect(Collectors.joining(" "))
        .replaceAll("\\s+", " ");
  }
}
