package io.iamcore.scim.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iamcore.scim.ScimException;
import io.iamcore.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CursorPagingTest {

  private final MutableClock clock = MutableClock.atNow();
  private final CursorPaging paging = new CursorPaging(clock, Duration.ofMinutes(10));
  private final SearchRequest query = new SearchRequest("title pr", null, false, 1, 10, "", List.of(), List.of());
  private final String fingerprint = CursorPaging.fingerprint(UUID.randomUUID(), "user", query);

  private String sortedCursor() {
    return paging.offsetWindow(CursorPaging.Position.FIRST, List.of(), 100, 10, fingerprint).next();
  }

  @Test
  void read_emptyCursor_firstPage() {
    assertThat(paging.read("", fingerprint)).isEqualTo(CursorPaging.Position.FIRST);
  }

  @Test
  void read_issuedCursor_givesItsPosition() {
    assertThat(paging.read(sortedCursor(), fingerprint).offset()).isEqualTo(0);
    String cursor = paging.offsetWindow(new CursorPaging.Position(null, false, 10), List.of(), 100, 10, fingerprint)
        .next();
    assertThat(paging.read(cursor, fingerprint).offset()).isEqualTo(10);
  }

  @Test
  void read_olderThanTheTimeout_expiredCursor() {
    String cursor = paging.offsetWindow(new CursorPaging.Position(null, false, 10), List.of(), 100, 10, fingerprint)
        .next();
    clock.advance(Duration.ofMinutes(10));
    assertThat(paging.read(cursor, fingerprint).offset()).isEqualTo(10);
    clock.advance(Duration.ofSeconds(1));
    assertThatThrownBy(() -> paging.read(cursor, fingerprint))
        .isInstanceOfSatisfying(ScimException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.scimType()).isEqualTo("expiredCursor");
        });
  }

  @Test
  void read_otherQuery_invalidCursor() {
    String other = CursorPaging.fingerprint(UUID.randomUUID(), "user", query);
    assertThatThrownBy(() -> paging.read(sortedCursor(), other))
        .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.scimType()).isEqualTo("invalidCursor"));
  }

  @Test
  void read_garbage_invalidCursor() {
    for (String garbage : List.of("x", "!!", "YzF8enw", "YzF8b3x4fDF8LTE")) {
      assertThatThrownBy(() -> paging.read(garbage, fingerprint))
          .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.scimType()).isEqualTo("invalidCursor"));
    }
  }

  @Test
  void idOrder_isPostgresUnsignedOrder() {
    UUID low = UUID.fromString("00000000-0000-0000-0000-000000000001");
    UUID high = UUID.fromString("f0000000-0000-0000-0000-000000000000");
    assertThat(high.compareTo(low)).isNegative();  // Java compares signed
    assertThat(CursorPaging.ID_ORDER.compare(high, low)).isPositive();
  }
}
