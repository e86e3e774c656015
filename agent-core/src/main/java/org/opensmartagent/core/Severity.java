package org.opensmartagent.core;

/** How urgent an event is; maps to syslog-style levels. */
public enum Severity {
  INFO,
  NOTICE,
  WARNING,
  ERROR
}
