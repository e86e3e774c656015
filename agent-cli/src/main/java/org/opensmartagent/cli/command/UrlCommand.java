package org.opensmartagent.cli.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.opensmartagent.cli.config.ConfigFile;
import org.opensmartagent.cli.config.DeviceConfig;
import org.opensmartagent.cli.config.DeviceSession;
import org.opensmartagent.cli.config.TransportConfig;
import org.opensmartagent.cli.render.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code url}: shows the transport settings, or changes them while the product is unregistered. */
@Command(
    name = "url",
    description = "Show or set the Smart Transport URL, proxy and privacy settings.")
public final class UrlCommand extends DeviceCommand {
  @Mixin TransportOptions options;

  @Override
  protected Result run(DeviceSession s) {
    if (!options.changes()) {
      return show(s.config(), "Transport settings");
    }
    s.agent().requireTransportSettingsEditable();
    DeviceConfig updated = options.apply(s.config(), io());
    ConfigFile.save(s.stateDir(), updated);
    return show(updated, "Transport settings saved");
  }

  /** The settings as text and JSON; the proxy password only as "set". */
  static Result show(DeviceConfig c, String message) {
    TransportConfig t = c.transport();
    ObjectNode data =
        Result.emptyData()
            .put("type", t.kind().name())
            .put("typeDisplay", t.kind().label())
            .put("url", t.effectiveUrl())
            .put("proxy", t.proxy().map(TransportConfig.Proxy::address).orElse(null))
            .put("proxyUser", t.proxy().flatMap(TransportConfig.Proxy::user).orElse(null))
            .put("proxyPasswordSet", t.proxy().flatMap(TransportConfig.Proxy::password).isPresent())
            .put("serverIdentityCheck", t.serverIdentityCheck())
            .put("trustedCa", t.trustedCa().map(Object::toString).orElse(null))
            .put("sendHostname", c.sendHostname())
            .put("versionPrivacy", c.versionPrivacy())
            .put("fipsMode", t.fipsMode());
    List<String> lines = new ArrayList<>();
    lines.add(message + ":");
    lines.add("  Type: " + t.kind().label());
    lines.add("  URL: " + t.effectiveUrl());
    lines.add(
        "  Proxy: " + t.proxy().map(TransportConfig.Proxy::toString).orElse("Not configured"));
    lines.add("  Server Identity Check: " + (t.serverIdentityCheck() ? "On" : "Off"));
    lines.add("  Trusted CA: " + t.trustedCa().map(Object::toString).orElse("Platform CAs"));
    lines.add("  Send Hostname: " + (c.sendHostname() ? "Yes" : "No"));
    lines.add("  Version Privacy: " + (c.versionPrivacy() ? "On" : "Off"));
    lines.add("  FIPS Mode: " + (t.fipsMode() ? "On" : "Off"));
    return Result.ok("url", message, data).withText(lines);
  }
}
