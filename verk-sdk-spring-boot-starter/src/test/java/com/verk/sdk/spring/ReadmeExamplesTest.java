package com.verk.sdk.spring;

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
 * The README's Java and properties examples are in the consumer application (src/it/consumer),
 * which .ci/consumers compiles against the installed starter.
 */
class ReadmeExamplesTest {

  @Test
  void every_java_example_of_the_readme_is_compiled_by_the_consumer_application()
      throws IOException {
    List<String> blocks = blocks("java");
    String consumer = normalised(sources(Path.of("src/it/consumer/src/main/java")));

    assertThat(blocks).hasSizeGreaterThanOrEqualTo(2);
    for (String block : blocks) {
      assertThat(consumer).as("README example:%n%s", block).contains(normalised(block));
    }
  }

  @Test
  void the_readme_configuration_is_the_consumer_application_configuration() throws IOException {
    String properties =
        normalised(
            Files.readString(
                Path.of("src/it/consumer/src/main/resources/application.properties"), UTF_8));

    assertThat(blocks("properties"))
        .isNotEmpty()
        .allSatisfy(block -> assertThat(properties).contains(normalised(block)));
  }

  static List<String> blocks(String language) throws IOException {
    Matcher m =
        Pattern.compile("```" + language + "\n(.*?)```", Pattern.DOTALL)
            .matcher(Files.readString(Path.of("README.md"), UTF_8));
    List<String> blocks = new ArrayList<>();
    while (m.find()) {
      blocks.add(m.group(1));
    }
    return blocks;
  }

  static String sources(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      StringBuilder all = new StringBuilder();
      for (Path f : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        all.append(Files.readString(f, UTF_8)).append('\n');
      }
      return all.toString();
    }
  }

  static String normalised(String code) {
    return code.lines()
        .map(String::strip)
        .filter(line -> !line.isEmpty())
        .collect(Collectors.joining(" "))
        .replaceAll("\\s+", " ");
  }
}
