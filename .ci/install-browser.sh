#!/usr/bin/env bash
# Installs Debian's headless Chromium and its chromedriver for the portal's browser tests
# (agent-testkit, PortalBrowserTest). Idempotent: does nothing when /usr/bin/chromedriver exists.
# Needs root (or sudo) and the Debian package mirrors; run it before `mvn -B verify`.
set -euo pipefail
if [[ -x /usr/bin/chromedriver && -x /usr/bin/chromium ]]; then
  exit 0
fi
SUDO=""
if [[ "$(id -u)" != "0" ]]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends chromium chromium-driver
