package org.opensmartagent.cli.command;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.opensmartagent.cli.config.DeviceSession;
import org.opensmartagent.cli.render.Result;
import org.opensmartagent.cli.render.Times;
import org.opensmartagent.core.reservation.AuthorizationCode;
import org.opensmartagent.core.reservation.CodeInspection;
import org.opensmartagent.core.reservation.RequestCode;
import org.opensmartagent.core.reservation.ReservationType;
import org.opensmartagent.core.reservation.ReservedEntitlement;
import org.opensmartagent.core.reservation.ReturnCode;

/** Offline reservation on one opened device, shared by the commands and the shell. */
public final class ReservationActions {
  private ReservationActions() {}

  public static Result enable(DeviceSession s) {
    s.agent().enableReservation();
    return Result.ok("enable_reservation", "License reservation is ENABLED");
  }

  /**
   * Disables reservation. An installed reservation stays installed (and keeps the licenses it
   * reserved authorized); the message says so, and how to remove it.
   */
  public static Result disable(DeviceSession s) {
    Optional<String> installed = s.agent().status().reservation().installedType();
    s.agent().disableReservation();
    String message =
        installed
            .map(
                type ->
                    "License reservation is DISABLED. The installed "
                        + type
                        + " reservation stays installed: its licenses stay authorized and the"
                        + " product stays registered by it. To remove it, enable_reservation and"
                        + " return_reservation")
            .orElse("License reservation is DISABLED");
    return Result.ok("disable_reservation", message);
  }

  public static Result requestCode(DeviceSession s, ReservationType type) {
    RequestCode code = s.agent().requestCode(type);
    ObjectNode data = Result.emptyData().put("requestCode", code.text()).put("type", type.name());
    return Result.ok("request_code", code.text(), data)
        .withText(
            List.of(
                "Request code: " + code.text(),
                "Enter this code on the license server to reserve licenses, then install the"
                    + " authorization code it gives with install_authorization_code."));
  }

  public static Result install(DeviceSession s, String code) {
    s.agent().installAuthorizationCode(code);
    return Result.ok("install_authorization_code", "Reservation install file successful");
  }

  public static Result reauthorize(DeviceSession s, String code) {
    String confirmation = s.agent().reauthorize(code);
    ObjectNode data = Result.emptyData().put("confirmationCode", confirmation);
    return Result.ok("reauthorize", confirmation, data)
        .withText(
            List.of(
                "Reservation install file successful",
                "Confirmation code: " + confirmation,
                "Enter the confirmation code on the license server."));
  }

  public static Result returnReservation(DeviceSession s) {
    ReturnCode code = s.agent().returnReservation();
    ObjectNode data = Result.emptyData().put("returnCode", code.text());
    return Result.ok("return_reservation", code.text(), data)
        .withText(
            List.of(
                "Return code: " + code.text(),
                "Enter this code on the license server to free the reserved licenses.",
                "The product is now unregistered."));
  }

  public static Result cancel(DeviceSession s) {
    s.agent().cancelReservation();
    return Result.ok("cancel_reservation", "The reservation request was cancelled");
  }

  public static Result inspect(DeviceSession s, String text) {
    CodeInspection i = s.agent().inspectAuthorizationCode(text);
    AuthorizationCode c = i.code();
    ObjectNode data =
        Result.emptyData()
            .put("type", c.type().name())
            .put("productInstanceId", c.productInstanceId())
            .put("udi", c.udi().toCompactString())
            .put("issued", c.timestamp().toString())
            .put("signatureTrusted", i.signatureTrusted())
            .put("untrustedReason", i.untrustedReason().orElse(null))
            .put("forThisDevice", i.forThisDevice())
            .put("answersPendingRequest", i.answersPendingRequest());
    ArrayNode list = data.putArray("entitlements");
    List<String> lines = new ArrayList<>();
    lines.add("Type: " + c.type() + ", issued " + Times.format(c.timestamp()) + " for " + c.udi());
    lines.add(
        "Signature: "
            + (i.signatureTrusted()
                ? "trusted"
                : "NOT trusted" + i.untrustedReason().map(r -> " (" + r + ")").orElse("")));
    lines.add(
        "For this device: "
            + yesNo(i.forThisDevice())
            + "; answers the pending request: "
            + yesNo(i.answersPendingRequest()));
    for (ReservedEntitlement e : c.entitlements()) {
      list.addObject()
          .put("tag", e.tag().value())
          .put("count", e.count())
          .put("licenseType", e.licenseType())
          .put("displayName", e.displayName());
      lines.add(
          "  "
              + e.displayName()
              + " ("
              + e.tag().value()
              + "): "
              + e.count()
              + " "
              + e.licenseType());
    }
    return Result.ok("inspect_authorization_code", lines.get(0), data).withText(lines);
  }

  private static String yesNo(boolean b) {
    return b ? "yes" : "no";
  }
}
