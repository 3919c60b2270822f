package com.verk.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.testing.PostgresServerTest;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NodeHealthPostgresTest extends PostgresServerTest implements NodeHealthContract {

  @Override
  public String database() {
    return "postgresql";
  }

  @Test
  void health_shows_the_listen_connection_that_wakes_this_node_for_other_nodes_work()
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    String listen;
    do {
      listen =
          admin()
              .get("/actuator/health")
              .json()
              .path("components")
              .path("dispatcher")
              .path("details")
              .path("listen")
              .asString();
      if (!listen.equals("connected")) {
        TimeUnit.MILLISECONDS.sleep(100); // polling: the listener connects right after start
      }
    } while (!listen.equals("connected") && System.nanoTime() < deadline);

    assertThat(listen).isEqualTo("connected");
  }
}
