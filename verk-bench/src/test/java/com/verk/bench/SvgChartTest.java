package com.verk.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class SvgChartTest {

  private static final List<Report.Point> POINTS =
      List.of(
          new Report.Point("sqlite", "webhooks", 1, "p99 (ms)", 2.5),
          new Report.Point("sqlite", "webhooks", 10_000, "p99 (ms)", 40),
          new Report.Point("postgres", "webhooks", 1, "p99 (ms)", 5),
          new Report.Point("postgres", "webhooks", 10_000, "p99 (ms)", Double.NaN),
          new Report.Point("sqlite", "organizations", 100, "deliveries/s", 900));

  @Test
  void one_well_formed_svg_per_axis_and_metric_with_a_line_per_database(@TempDir Path dir)
      throws Exception {
    List<Path> files = SvgChart.writeAll(POINTS, dir);

    assertThat(files)
        .extracting(p -> p.getFileName().toString())
        .containsExactlyInAnyOrder("webhooks--p99-ms.svg", "organizations--deliveries-s.svg");
    String svg = Files.readString(dir.resolve("webhooks--p99-ms.svg"));
    Document doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    assertThat(doc.getElementsByTagName("polyline").getLength()).isEqualTo(2);
    // the NaN point is left out: postgres has one point, sqlite two
    assertThat(doc.getElementsByTagName("circle").getLength()).isEqualTo(3);
    assertThat(svg).contains("webhooks (log)", ">sqlite<", ">postgres<", "10,000");
  }

  @Test
  void points_survive_the_csv_round_trip() {
    List<Report.Point> back = SvgChart.fromCsv(SvgChart.toCsv(POINTS));

    assertThat(back).hasSize(POINTS.size());
    assertThat(back.get(1)).isEqualTo(POINTS.get(1));
    assertThat(back.get(3).y()).isNaN();
  }

  @Test
  void steps_keep_the_first_two_and_those_under_the_cap() {
    assertThat(ScaleScenarios.steps(List.of(1, 100, 1_000, 10_000), 100)).containsExactly(1, 100);
    assertThat(ScaleScenarios.steps(List.of(1, 100, 1_000, 10_000), 10_000))
        .containsExactly(1, 100, 1_000, 10_000);
  }
}
