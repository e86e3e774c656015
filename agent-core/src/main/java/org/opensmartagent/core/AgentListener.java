package org.opensmartagent.core;

/**
 * Receives the agent's events. Called on the thread that caused the change, after the change was
 * stored; keep it short and don't block. An exception thrown here is logged and ignored: it never
 * reaches the agent.
 */
@FunctionalInterface
public interface AgentListener {
  AgentListener NONE = event -> {};

  void onEvent(AgentEvent event);
}
