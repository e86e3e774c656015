package org.opensmartagent.core.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opensmartagent.core.AuthorizationState;
import org.opensmartagent.core.CountUnit;
import org.opensmartagent.core.EnforcementMode;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.core.RegistrationState;
import org.opensmartagent.core.reservation.AuthorizationCode;
import org.opensmartagent.core.reservation.RequestCode;
import org.opensmartagent.core.transport.Verdict;

/**
 * Encodes an {@link AgentState} as the store's payload and back. Binary, versioned, and strict: any
 * inconsistency fails the decode (the store then counts the payload as corrupt). An attempt under
 * way is stored as the durable state it started from; server-issued certificates are kept byte for
 * byte as received.
 *
 * <p>Formats migrate forward: this agent reads every earlier version and writes {@link #VERSION}.
 *
 * <ul>
 *   <li>1: the first format.
 *   <li>2: adds the due time of the usage report and the last authorization and registration
 *       failures, so that a restart neither loses a pending report nor forgets a failure. A version
 *       1 state with a usage change not yet reported gets its report due at once.
 * </ul>
 */
final class StateCodec {
  static final int VERSION = 2;
  private static final int MAGIC = 0x4f534150; // "OSAP"
  private static final int MAX_BLOB = 64 * 1024;
  private static final int MAX_ITEMS = 10_000;

  private StateCodec() {}

  static byte[] encode(AgentState s) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      out.writeBoolean(s.enabled);
      writeInstant(out, s.enabledAt);
      out.writeUTF(s.durableRegistration().name());
      out.writeBoolean(s.reg.isPresent());
      if (s.reg.isPresent()) {
        writeRegistration(out, s.reg.get());
      }
      out.writeBoolean(s.conversionDone);
      out.writeUTF(s.authorization.name());
      writeInstant(out, s.lastAuthorization);
      writeInstant(out, s.authorizedUntil);
      writeInstant(out, s.lastCommunicationAttempt);
      writeInstant(out, s.lastContact);
      writeInstant(out, s.lastIdRenewalAttempt);
      out.writeBoolean(s.usageDirty);
      writeRetry(out, s.authRetry);
      writeRetry(out, s.idRetry);
      out.writeBoolean(s.communicationFailing);
      out.writeBoolean(s.idExpiryWarned);
      writeDuration(out, s.evalRemaining);
      writeInstant(out, s.evalCountingSince);
      out.writeInt(s.evalNoticesFired);
      out.writeBoolean(s.evalStarted);
      out.writeBoolean(s.evalExpiredNotified);
      out.writeInt(s.entitlements.size());
      for (EntitlementState e : s.entitlements.values()) {
        writeEntitlement(out, e);
      }
      out.writeBoolean(s.reservationEnabled);
      writeText(out, s.pendingRequest.map(RequestCode::text));
      writeInstant(out, s.lastReminder);
      writeText(out, s.installed.map(AuthorizationCode::text));
      writeText(out, s.lastReturnCode);
      writeText(out, s.lastConfirmationCode);
      writeInstant(out, s.lastTrustedTime);
      writeDuration(out, s.clockOffset);
      // version 2
      writeInstant(out, s.usageReportDue);
      writeText(out, s.lastAuthorizationFailure);
      writeText(out, s.lastRegistrationFailure);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // ByteArrayOutputStream does not throw
    }
    return bytes.toByteArray();
  }

  /**
   * Decodes a payload.
   *
   * @throws IllegalArgumentException when the payload is not a state this agent can read
   */
  static AgentState decode(byte[] payload) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
      if (in.readInt() != MAGIC) {
        throw new IllegalArgumentException("not an agent state (bad magic)");
      }
      int version = in.readInt();
      if (version < 1 || version > VERSION) {
        throw new IllegalArgumentException(
            "agent state format version "
                + version
                + " is not supported (this agent reads versions 1 to "
                + VERSION
                + "; a newer firmware wrote it)");
      }
      AgentState s = new AgentState();
      s.enabled = in.readBoolean();
      s.enabledAt = readInstant(in);
      s.registration = RegistrationState.valueOf(in.readUTF());
      s.beforeAttempt = s.registration;
      if (in.readBoolean()) {
        s.reg = Optional.of(readRegistration(in));
      }
      s.conversionDone = in.readBoolean();
      s.authorization = AuthorizationState.valueOf(in.readUTF());
      s.lastAuthorization = readInstant(in);
      s.authorizedUntil = readInstant(in);
      s.lastCommunicationAttempt = readInstant(in);
      s.lastContact = readInstant(in);
      s.lastIdRenewalAttempt = readInstant(in);
      s.usageDirty = in.readBoolean();
      s.authRetry = readRetry(in);
      s.idRetry = readRetry(in);
      s.communicationFailing = in.readBoolean();
      s.idExpiryWarned = in.readBoolean();
      s.evalRemaining = readDuration(in);
      s.evalCountingSince = readInstant(in);
      s.evalNoticesFired = in.readInt();
      s.evalStarted = in.readBoolean();
      s.evalExpiredNotified = in.readBoolean();
      int n = count(in.readInt());
      for (int i = 0; i < n; i++) {
        EntitlementState e = readEntitlement(in);
        s.entitlements.put(e.tag, e);
      }
      s.reservationEnabled = in.readBoolean();
      s.pendingRequest = readText(in).map(StateCodec::storedRequestCode);
      s.lastReminder = readInstant(in);
      s.installed = readText(in).map(AuthorizationCode::parse);
      s.lastReturnCode = readText(in);
      s.lastConfirmationCode = readText(in);
      s.lastTrustedTime =
          readInstant(in).orElseThrow(() -> new IllegalArgumentException("no time"));
      s.clockOffset = readDuration(in);
      if (version >= 2) {
        s.usageReportDue = readInstant(in);
        s.lastAuthorizationFailure = readText(in);
        s.lastRegistrationFailure = readText(in);
      } else if (s.usageDirty) {
        s.usageReportDue = Optional.of(s.lastTrustedTime); // v1 did not keep it: report now
      }
      if (in.read() != -1) {
        throw new IllegalArgumentException("trailing bytes after the agent state");
      }
      if (s.registration == RegistrationState.REGISTERED && s.reg.isEmpty()) {
        throw new IllegalArgumentException("registered but no registration record");
      }
      return s;
    } catch (EOFException e) {
      throw new IllegalArgumentException("agent state is truncated", e);
    } catch (IOException e) {
      throw new IllegalArgumentException("agent state is unreadable: " + e.getMessage(), e);
    }
  }

  private static final Pattern LEGACY_SOFTWARE_REQUEST =
      Pattern.compile("[A-Z]{2}-(P:\\S+)-[A-Za-z0-9]{9}-[0-9A-F]{2}");

  /**
   * A pending request code as stored. Agents before the real code grammar stored a software
   * product's code as {@code CB|CU-P:<pid>,S:<serial>,U:<uuid>-<9>-<2 hex>}; such a code is read as
   * the software code it stands for (the compact UDI), so an upgrade keeps the pending request.
   */
  static RequestCode storedRequestCode(String text) {
    Matcher legacy = LEGACY_SOFTWARE_REQUEST.matcher(text);
    return RequestCode.parse(legacy.matches() ? legacy.group(1) : text);
  }

  private static void writeRegistration(DataOutputStream out, Registration r) throws IOException {
    out.writeUTF(r.productInstanceId());
    out.writeUTF(r.smartAccount());
    out.writeUTF(r.virtualAccount());
    out.writeBoolean(r.exportControlled());
    writeInstant(out, Optional.of(r.initialRegistration()));
    writeInstant(out, Optional.of(r.idCertNotBefore()));
    writeInstant(out, Optional.of(r.idCertNotAfter()));
    writeInstant(out, Optional.of(r.lastIdRenewal()));
    out.writeInt(r.idCertificateChain().size());
    for (byte[] cert : r.idCertificateChain()) {
      writeBlob(out, cert);
    }
    writeBlob(out, r.privateKey());
    writeBlob(out, r.publicKey());
  }

  private static void writeBlob(DataOutputStream out, byte[] blob) throws IOException {
    out.writeInt(blob.length);
    out.write(blob);
  }

  private static byte[] readBlob(DataInputStream in) throws IOException {
    int len = in.readInt();
    if (len < 0 || len > MAX_BLOB) {
      throw new IllegalArgumentException("blob length " + len + " out of range");
    }
    byte[] blob = new byte[len];
    in.readFully(blob);
    return blob;
  }

  private static Registration readRegistration(DataInputStream in) throws IOException {
    String pi = in.readUTF();
    String sa = in.readUTF();
    String va = in.readUTF();
    boolean export = in.readBoolean();
    Instant initial = required(in);
    Instant notBefore = required(in);
    Instant notAfter = required(in);
    Instant renewed = required(in);
    int n = count(in.readInt());
    List<byte[]> chain = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      chain.add(readBlob(in));
    }
    byte[] privateKey = readBlob(in);
    byte[] publicKey = readBlob(in);
    return new Registration(
        pi, sa, va, export, initial, notBefore, notAfter, renewed, chain, privateKey, publicKey);
  }

  private static void writeEntitlement(DataOutputStream out, EntitlementState e)
      throws IOException {
    out.writeUTF(e.tag.value());
    out.writeBoolean(e.requested);
    out.writeLong(e.count);
    out.writeUTF(e.unit.name());
    out.writeUTF(e.mode.name());
    out.writeUTF(e.verdict.map(Enum::name).orElse(""));
    out.writeUTF(e.reason);
    writeInstant(out, e.graceEnds);
    out.writeInt(e.graceNoticesFired);
    out.writeBoolean(e.featureExpiredNotified);
    out.writeInt(e.reservedNoticesFired);
  }

  private static EntitlementState readEntitlement(DataInputStream in) throws IOException {
    EntitlementTag tag = EntitlementTag.parse(in.readUTF());
    boolean requested = in.readBoolean();
    long count = in.readLong();
    EntitlementState e = new EntitlementState(tag, CountUnit.valueOf(in.readUTF()));
    e.requested = requested;
    e.count = count;
    if (count < 0 || (requested && count == 0)) {
      throw new IllegalArgumentException("entitlement " + tag + " has count " + count);
    }
    e.mode = EnforcementMode.valueOf(in.readUTF());
    String verdict = in.readUTF();
    e.verdict = verdict.isEmpty() ? Optional.empty() : Optional.of(Verdict.Kind.valueOf(verdict));
    e.reason = in.readUTF();
    e.graceEnds = readInstant(in);
    e.graceNoticesFired = in.readInt();
    e.featureExpiredNotified = in.readBoolean();
    e.reservedNoticesFired = in.readInt();
    return e;
  }

  private static void writeText(DataOutputStream out, Optional<String> text) throws IOException {
    out.writeBoolean(text.isPresent());
    if (text.isPresent()) {
      writeBlob(out, text.get().getBytes(StandardCharsets.UTF_8));
    }
  }

  private static Optional<String> readText(DataInputStream in) throws IOException {
    return in.readBoolean()
        ? Optional.of(new String(readBlob(in), StandardCharsets.UTF_8))
        : Optional.empty();
  }

  private static void writeRetry(DataOutputStream out, RetryState r) throws IOException {
    out.writeInt(r.failures());
    writeInstant(out, r.nextRetry());
  }

  private static RetryState readRetry(DataInputStream in) throws IOException {
    int failures = count(in.readInt());
    return new RetryState(failures, readInstant(in));
  }

  private static void writeInstant(DataOutputStream out, Optional<Instant> t) throws IOException {
    out.writeBoolean(t.isPresent());
    if (t.isPresent()) {
      out.writeLong(t.get().getEpochSecond());
      out.writeInt(t.get().getNano());
    }
  }

  private static void writeInstant(DataOutputStream out, Instant t) throws IOException {
    writeInstant(out, Optional.of(t));
  }

  private static Optional<Instant> readInstant(DataInputStream in) throws IOException {
    if (!in.readBoolean()) {
      return Optional.empty();
    }
    long seconds = in.readLong();
    int nanos = in.readInt();
    if (nanos < 0 || nanos > 999_999_999) {
      throw new IllegalArgumentException("bad instant");
    }
    try {
      return Optional.of(Instant.ofEpochSecond(seconds, nanos));
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("instant out of range: " + seconds + " s", e);
    }
  }

  private static Instant required(DataInputStream in) throws IOException {
    return readInstant(in).orElseThrow(() -> new IllegalArgumentException("missing instant"));
  }

  private static void writeDuration(DataOutputStream out, Duration d) throws IOException {
    out.writeLong(d.getSeconds());
    out.writeInt(d.getNano());
  }

  private static Duration readDuration(DataInputStream in) throws IOException {
    long seconds = in.readLong();
    int nanos = in.readInt();
    if (seconds < 0 || nanos < 0 || nanos > 999_999_999) {
      throw new IllegalArgumentException("bad duration");
    }
    return Duration.ofSeconds(seconds, nanos);
  }

  private static int count(int n) {
    if (n < 0 || n > MAX_ITEMS) {
      throw new IllegalArgumentException("count " + n + " out of range");
    }
    return n;
  }
}
