package com.verk.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;

/** What the figures were measured on: they mean nothing without it. */
final class Machine {

  private Machine() {}

  static String describe(Instant started, Path jar, double scale, int clients) {
    return String.format(
        Locale.ROOT,
        "verk-bench %s%n"
            + "machine: %d CPUs (%s), %s RAM, %s %s%n"
            + "java: %s %s (server: same JVM, -Xmx512m -XX:+UseG1GC)%n"
            + "server jar: %s%n"
            + "scale %.2f, %d API clients; %s%n",
        started,
        Runtime.getRuntime().availableProcessors(),
        cpuModel(),
        memTotal(),
        System.getProperty("os.name"),
        System.getProperty("os.version"),
        System.getProperty("java.vm.name"),
        System.getProperty("java.version"),
        jar,
        scale,
        clients,
        loadNow());
  }

  static String loadNow() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return "load average " + f[0] + " " + f[1] + " " + f[2] + " at " + Instant.now();
    } catch (IOException | RuntimeException e) {
      return "load average unknown";
    }
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst()
          .orElse("unknown CPU");
    } catch (IOException e) {
      return "unknown CPU";
    }
  }

  private static String memTotal() {
    try {
      return Files.readAllLines(Path.of("/proc/meminfo")).stream()
          .filter(l -> l.startsWith("MemTotal"))
          .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024 / 1024 + " GiB")
          .findFirst()
          .orElse("?");
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }
}
