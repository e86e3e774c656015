package org.opensmartagent.cli.render;

import java.util.List;
import org.opensmartagent.core.AgentStatus;

/** The two renderings of the STATUS screen. */
public enum StatusLayout {
  /** The current AsyncOS layout: flat {@code Label: value} lines ({@link StatusScreen}). */
  CURRENT,
  /** The sectioned layout of earlier agents, as IOS-XE's ({@link ClassicStatusScreen}). */
  CLASSIC;

  /** The STATUS lines for {@code s} in this layout. */
  public List<String> render(AgentStatus s, TransportView transport, String productInstanceName) {
    return this == CLASSIC
        ? ClassicStatusScreen.render(s, transport)
        : StatusScreen.render(s, transport, productInstanceName);
  }
}
