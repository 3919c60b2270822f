package com.verk.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.webhooks.BlockedTargets;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.util.Promise;
import org.junit.jupiter.api.Test;

/** The connect-time half of the SSRF rule: every resolved address is checked before connecting. */
class GuardedResolverTest {

  private final GuardedResolver strict = new GuardedResolver(Runnable::run, false);

  private Object resolve(GuardedResolver resolver, String host) {
    AtomicReference<Object> outcome = new AtomicReference<>();
    resolver.resolve(
        host,
        443,
        Map.of(),
        new Promise<List<InetSocketAddress>>() {
          @Override
          public void succeeded(List<InetSocketAddress> result) {
            outcome.set(result);
          }

          @Override
          public void failed(Throwable failure) {
            outcome.set(failure);
          }
        });
    return outcome.get();
  }

  @Test
  void every_blocked_address_form_is_refused_at_connect_time() {
    for (String literal : BlockedTargets.BLOCKED) {
      assertThat(resolve(strict, literal))
          .as(literal)
          .isInstanceOf(GuardedResolver.BlockedTargetException.class);
    }
  }

  @Test
  void public_addresses_resolve_and_private_ones_do_when_allowed() {
    for (String literal : BlockedTargets.ALLOWED) {
      assertThat(resolve(strict, literal)).as(literal).isInstanceOf(List.class);
    }
    assertThat(resolve(new GuardedResolver(Runnable::run, true), "::7f00:1"))
        .isInstanceOf(List.class);
  }
}
