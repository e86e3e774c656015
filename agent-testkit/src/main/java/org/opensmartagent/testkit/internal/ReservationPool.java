package org.opensmartagent.testkit.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.core.LicenseTerm;
import org.opensmartagent.core.reservation.ReservedEntitlement;
import org.opensmartagent.testkit.LicenseGrant;
import org.opensmartagent.testkit.ReservationLine;
import org.opensmartagent.testkit.ReservationRefusedException;

/**
 * Takes reservation lines from a virtual account's pool: each count must be available (licensed at
 * the server's time, less what registered instances use and other reservations hold; overage does
 * not apply), and each line reserves the term of the pool's licenses. Stateless; called under the
 * {@link LicenseService} lock.
 */
final class ReservationPool {
  private static final Comparator<LicenseGrant> ENDS_FIRST =
      Comparator.comparing(g -> g.term().end().orElse(Instant.MAX));

  private ReservationPool() {}

  /**
   * The entitlements a code reserves for {@code lines}, counting what {@code replacing} (an SLR
   * being updated) holds as available again.
   *
   * @throws ReservationRefusedException naming the tag, the count requested and the count available
   */
  static List<ReservedEntitlement> take(
      ServerState state,
      VirtualAccount va,
      List<ReservationLine> lines,
      Optional<Reservation> replacing,
      Instant now) {
    List<ReservedEntitlement> result = new ArrayList<>();
    for (ReservationLine line : lines) {
      EntitlementTag tag = line.tag();
      long licensed = va.licensed(tag, now);
      long taken = state.inUse(va.name(), tag) - replacing.map(r -> r.reserved(tag)).orElse(0L);
      long available = Math.max(0, licensed - taken);
      if (line.count() > available) {
        throw new ReservationRefusedException(
            "Virtual account '"
                + va.name()
                + "' has too few "
                + tag.value()
                + " licenses: "
                + line.count()
                + " requested, "
                + available
                + " available ("
                + licensed
                + " licensed, "
                + taken
                + " in use or reserved). Add licenses to the pool, return a reservation, or"
                + " reserve fewer.");
      }
      result.add(ReservedEntitlement.of(tag, line.count(), term(va, tag, now)));
    }
    return result;
  }

  /**
   * The term of {@code tag}'s active licenses; when they differ, the one that ends first, so a
   * reservation never outlives the licenses it may be using.
   */
  private static LicenseTerm term(VirtualAccount va, EntitlementTag tag, Instant now) {
    return va.pool().stream()
        .filter(g -> g.tag().equals(tag) && g.isActiveAt(now))
        .min(ENDS_FIRST)
        .map(LicenseGrant::term)
        .orElseThrow(() -> new IllegalStateException("no active " + tag + " license to reserve"));
  }
}
