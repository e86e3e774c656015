package org.opensmartagent.core.reservation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opensmartagent.core.Udi;

/**
 * A reservation request code, in one of the two forms real devices print:
 *
 * <ul>
 *   <li>hardware: {@code <2 letters>-Z<PID>:<SN>-<9 letters or digits>-<2 hex>}, e.g. {@code
 *       CB-ZC9300-24UX:FCW2134L0RN-AK9A6sMTr-86};
 *   <li>software (a UDI with a {@code U:} field): the compact UDI itself, {@code
 *       P:<pid>,S:<serial>,U:<uuid>}, e.g. {@code P:UCM,S:cc920,U:e53fc968-...}.
 * </ul>
 *
 * <p>Parsing accepts any two letters and any two hexadecimal characters: the algorithm behind the
 * real check characters is not public, so none is enforced. Codes this agent makes use {@code CB}
 * for a specific and {@code CU} for a universal reservation, a middle part that is fixed for one
 * agent build ({@link #agentPart}), and two random hexadecimal characters. The type is known only
 * when the letters are ours: a software code, or a hardware code with other letters, carries none,
 * and the license server takes the type from the operator. Immutable; equality is by the text.
 */
public final class RequestCode {
  private static final String ALNUM =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final Pattern HARDWARE =
      Pattern.compile("([A-Z]{2})-Z([^:,\\s]+):([^\\s,]+)-([A-Za-z0-9]{9})-([0-9A-Fa-f]{2})");

  private final String text;
  private final Udi udi;
  private final Optional<ReservationType> type;

  private RequestCode(String text, Udi udi, Optional<ReservationType> type) {
    this.text = text;
    this.udi = udi;
    this.type = type;
  }

  /**
   * A new code for {@code udi}. A software UDI's code is the UDI itself, so it is the same for
   * every request; a hardware code differs from the previous one in its two random characters.
   *
   * @param agentBuild names this agent's build (e.g. its version); see {@link #agentPart}
   */
  public static RequestCode create(
      ReservationType type, Udi udi, String agentBuild, RandomGenerator random) {
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(udi, "udi == null");
    Objects.requireNonNull(random, "random == null");
    if (udi.uuid().isPresent()) {
      return new RequestCode(udi.toCompactString(), udi, Optional.of(type));
    }
    String check = HexFormat.of().withUpperCase().toHexDigits((byte) random.nextInt(256));
    String text =
        type.requestPrefix()
            + "-Z"
            + udi.pid()
            + ":"
            + udi.serialNumber()
            + "-"
            + agentPart(agentBuild)
            + "-"
            + check;
    return new RequestCode(text, udi, Optional.of(type));
  }

  /**
   * The nine letters and digits in the middle of this agent's hardware codes: derived from {@code
   * agentBuild} (SHA-256, mapped to letters and digits), so they stay the same for one build, as on
   * real devices, where two devices of one product line print the same middle part.
   */
  public static String agentPart(String agentBuild) {
    Objects.requireNonNull(agentBuild, "agentBuild == null");
    byte[] h = sha256(("request-code-agent\n" + agentBuild).getBytes(StandardCharsets.UTF_8));
    char[] out = new char[9];
    for (int i = 0; i < out.length; i++) {
      out[i] = ALNUM.charAt((h[i] & 0xff) % ALNUM.length());
    }
    return new String(out);
  }

  /**
   * Parses a request code (surrounding whitespace ignored), from this agent or a real device.
   *
   * @throws IllegalArgumentException saying what is wrong and showing both forms
   */
  public static RequestCode parse(String text) {
    String t = Objects.requireNonNull(text, "text == null").strip();
    Matcher m = HARDWARE.matcher(t);
    if (m.matches()) {
      Udi udi = Udi.of(m.group(2), m.group(3));
      return new RequestCode(t, udi, ReservationType.fromPrefix(m.group(1)));
    }
    if (t.startsWith("P:") || t.startsWith("p:")) {
      Udi udi;
      try {
        udi = Udi.parse(t);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "Not a reservation request code: a software product's code is its UDI"
                + " P:<pid>,S:<serial>,U:<uuid>; "
                + e.getMessage());
      }
      if (udi.uuid().isEmpty()) {
        throw new IllegalArgumentException(
            "Not a reservation request code: '"
                + t
                + "' has no U:<uuid> field; a software product's code is P:<pid>,S:<serial>,U:<uuid>"
                + " and a hardware one looks like CB-ZC9300-24UX:FCW2134L0RN-AK9A6sMTr-86");
      }
      return new RequestCode(udi.toCompactString(), udi, Optional.empty());
    }
    throw new IllegalArgumentException(
        "Not a reservation request code: expected <2 letters>-Z<PID>:<SN>-<9 letters or digits>-<2"
            + " hex>, e.g. CB-ZC9300-24UX:FCW2134L0RN-AK9A6sMTr-86, or for a software product"
            + " P:<pid>,S:<serial>,U:<uuid>. Copy the whole code again from the device");
  }

  /** The UDI the code was made for. */
  public Udi udi() {
    return udi;
  }

  /**
   * The reservation type the code asks for, when known: always for a code this agent made, never
   * for a software code read back from text (its text carries no type).
   */
  public Optional<ReservationType> type() {
    return type;
  }

  /** The code as the operator copies it. */
  public String text() {
    return text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RequestCode other && text.equals(other.text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
