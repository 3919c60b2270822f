package com.verk.server.webhooks;

import com.verk.server.events.EventType;
import com.verk.server.system.ApiException;
import com.verk.server.system.ApiException.FieldError;
import com.verk.server.system.DeadlockRetry;
import com.verk.server.system.Ids;
import com.verk.server.system.Page;
import com.verk.server.system.Pages;
import com.verk.server.system.VerkProperties;
import com.verk.server.tenancy.Organization;
import com.verk.server.tenancy.Organizations;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Webhook subscriptions of an organization: the one place that creates, changes and deletes them,
 * used by the API and the dashboard. Every input is validated in full before anything is written,
 * and every change is one transaction.
 */
@Service
public class Webhooks {

  static final String DISABLED_MANUALLY = "Disabled manually";
  static final long MAX_OVERLAP_SECONDS = Duration.ofDays(30).toSeconds();

  private final WebhookStore store;
  private final Organizations organizations;
  private final WebhookRules rules;
  private final Clock clock;
  private final Duration defaultOverlap;
  private final TransactionTemplate deleting;

  Webhooks(
      WebhookStore store,
      Organizations organizations,
      VerkProperties properties,
      Clock clock,
      PlatformTransactionManager transactions) {
    this.store = store;
    this.deleting = new TransactionTemplate(transactions);
    this.organizations = organizations;
    this.rules = new WebhookRules(properties.webhooks());
    this.clock = clock;
    this.defaultOverlap = properties.webhooks().rotationOverlap();
  }

  /**
   * What a new webhook consists of; a null secret asks for a generated one, null or empty headers
   * mean none. {@code rateLimit}: attempts per second, null or 0 for none.
   */
  public record NewWebhook(
      String url,
      List<String> events,
      String secret,
      String description,
      Map<String, String> headers,
      Integer rateLimit) {

    public NewWebhook(String url, List<String> events, String secret, String description) {
      this(url, events, secret, description, null, null);
    }
  }

  /**
   * A partial change: null fields stay as they are; an empty description clears it; headers replace
   * the whole set (an empty map removes them all); a {@code rateLimit} of 0 removes the limit.
   */
  public record Changes(
      String url,
      List<String> events,
      String description,
      String secret,
      Boolean active,
      Map<String, String> headers,
      Integer rateLimit) {

    public Changes(
        String url, List<String> events, String description, String secret, Boolean active) {
      this(url, events, description, secret, active, null, null);
    }
  }

  /** A created webhook and its secret, which is shown this once. */
  public record Created(Webhook webhook, String secret) {}

  /** A rotated secret; the previous one keeps signing until {@code previousSecretExpiresAt}. */
  public record Rotated(Webhook webhook, String secret, Long previousSecretExpiresAt) {}

  public Optional<Webhook> find(String orgId, String id) {
    return store.find(orgId, id);
  }

  public Webhook get(String orgId, String id) {
    return find(orgId, id).orElseThrow(() -> ApiException.notFound("Webhook", id));
  }

  /** One page of webhooks, oldest first. */
  public Page<Webhook> list(String orgId, Integer limit, String cursor) {
    int size = Pages.limit(limit);
    return Pages.page(
        store.page(orgId, Pages.Cursor.decode(cursor), size + 1),
        size,
        w -> new Pages.Cursor(w.createdAt(), w.id()),
        w -> w);
  }

  @Transactional
  public Created create(String orgId, NewWebhook request) {
    List<FieldError> errors = WebhookRules.errors();
    rules.url(request.url(), errors);
    Set<EventType> events = rules.events(request.events(), errors);
    rules.secret(request.secret(), errors);
    rules.description(request.description(), errors);
    WebhookHeaders.validate(request.headers(), errors);
    rules.rateLimit(request.rateLimit(), errors);
    if (!errors.isEmpty()) {
      throw ApiException.validation(errors);
    }
    // Held until commit, so two concurrent creates cannot both see room under the limit.
    Organization org = organizations.lockForUpdate(orgId);
    if (!org.plan().unlimited() && store.count(orgId) >= org.plan().webhookLimit()) {
      throw ApiException.planLimit(org.plan().wireName(), org.plan().webhookLimit(), "webhooks");
    }
    String secret = request.secret() == null ? WebhookSecrets.generate() : request.secret();
    long now = clock.millis();
    Webhook webhook =
        new Webhook(
            Ids.next("webhook"),
            orgId,
            request.url(),
            names(events),
            blankToNull(request.description()),
            true,
            null,
            null,
            now,
            now,
            List.of(),
            noneIfZero(request.rateLimit()),
            null);
    store.insert(webhook, secret);
    if (request.headers() != null && !request.headers().isEmpty()) {
      store.setHeaders(orgId, webhook.id(), request.headers());
      webhook = webhook.withHeaderNames(List.copyOf(request.headers().keySet()));
    }
    return new Created(webhook, secret);
  }

  @Transactional
  public Webhook update(String orgId, String id, Changes changes) {
    Webhook current = get(orgId, id);
    List<FieldError> errors = WebhookRules.errors();
    if (changes.url() != null) {
      rules.url(changes.url(), errors);
    }
    Set<EventType> events =
        changes.events() == null ? null : rules.events(changes.events(), errors);
    rules.secret(changes.secret(), errors);
    rules.description(changes.description(), errors);
    WebhookHeaders.validate(changes.headers(), errors);
    rules.rateLimit(changes.rateLimit(), errors);
    if (!errors.isEmpty()) {
      throw ApiException.validation(errors);
    }
    long now = clock.millis();
    boolean active = current.active();
    Long disabledAt = current.disabledAt();
    String disabledReason = current.disabledReason();
    if (Boolean.TRUE.equals(changes.active())) {
      active = true;
      disabledAt = null;
      disabledReason = null;
    } else if (Boolean.FALSE.equals(changes.active()) && current.active()) {
      active = false;
      disabledAt = now;
      disabledReason = DISABLED_MANUALLY;
    }
    store.updateFields(
        new Webhook(
            id,
            orgId,
            changes.url() == null ? current.url() : changes.url(),
            current.events(),
            changes.description() == null
                ? current.description()
                : blankToNull(changes.description()),
            active,
            disabledAt,
            disabledReason,
            current.createdAt(),
            now));
    if (events != null) {
      store.replaceEvents(orgId, id, names(events));
    }
    if (changes.rateLimit() != null) {
      store.setRateLimit(orgId, id, noneIfZero(changes.rateLimit()));
    }
    if (changes.secret() != null) {
      // An explicit secret replaces the old one at once: the caller chose no overlap.
      store.setSecret(orgId, id, changes.secret(), null, null, now);
    }
    if (changes.headers() != null) {
      store.setHeaders(orgId, id, changes.headers());
    }
    return get(orgId, id);
  }

  /**
   * For a form that cannot show the stored values (the dashboard's): a header given with an empty
   * value that the webhook already has (same name, any case) keeps its stored value. Other entries
   * are returned as given.
   */
  public Map<String, String> keepingStoredValues(
      String orgId, String id, Map<String, String> edited) {
    Map<String, String> stored = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    stored.putAll(store.headers(orgId, id));
    Map<String, String> out = new java.util.LinkedHashMap<>();
    edited.forEach(
        (name, value) ->
            out.put(
                name,
                (value == null || value.isEmpty()) && name != null && stored.containsKey(name)
                    ? stored.get(name)
                    : value));
    return out;
  }

  @Transactional
  public Rotated rotateSecret(String orgId, String id, Long overlapSeconds) {
    if (overlapSeconds != null && (overlapSeconds < 0 || overlapSeconds > MAX_OVERLAP_SECONDS)) {
      throw ApiException.invalid(
          "overlapSeconds", "must be between 0 and " + MAX_OVERLAP_SECONDS + " seconds");
    }
    String previous =
        store.secret(orgId, id).orElseThrow(() -> ApiException.notFound("Webhook", id));
    long overlapMillis =
        overlapSeconds == null ? defaultOverlap.toMillis() : overlapSeconds * 1000L;
    long now = clock.millis();
    String secret = WebhookSecrets.generate();
    Long expiresAt = overlapMillis > 0 ? now + overlapMillis : null;
    store.setSecret(orgId, id, secret, expiresAt == null ? null : previous, expiresAt, now);
    return new Rotated(get(orgId, id), secret, expiresAt);
  }

  /** How often a delete that lost a deadlock is run before the caller gets a 503. */
  static final int DELETE_TRIES = 3;

  /**
   * Deletes the webhook with its subscriptions and delivery log (foreign keys cascade). On
   * PostgreSQL the delete can lose a deadlock against the engine recording the outcomes of the same
   * webhook's deliveries (it locks many delivery rows, the engine a batch of them in another
   * order); it is then run again, up to {@link #DELETE_TRIES} times.
   */
  public void delete(String orgId, String id) {
    boolean deleted =
        DeadlockRetry.inTransaction(deleting, DELETE_TRIES, () -> store.delete(orgId, id));
    if (!deleted) {
      throw ApiException.notFound("Webhook", id);
    }
  }

  private static List<String> names(Set<EventType> events) {
    return events.stream().map(EventType::wireName).toList();
  }

  private static Integer noneIfZero(Integer rateLimit) {
    return rateLimit == null || rateLimit == 0 ? null : rateLimit;
  }

  private static String blankToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
