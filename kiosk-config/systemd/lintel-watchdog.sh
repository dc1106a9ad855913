#!/usr/bin/env bash
# Lintel bridge watchdog, run every 30 s by lintel-watchdog.timer.
#
# systemd restarts the bridge when its process exits, but not when it is alive
# and no longer answering (a hung event loop, a wedged port). The bridge does
# not speak sd_notify, so systemd's own WatchdogSec= cannot see that; this
# script asks the bridge instead: GET /api/health must answer 200 with
# "status": "ok" within 5 s. After 3 failed checks in a row (about 90 s) it
# restarts lintel-bridge.service and logs why. Failures are counted in
# /run/lintel-watchdog, which is empty again after a reboot.
#
#   LINTEL_HEALTH_URL          default http://127.0.0.1:${PORT:-8080}/api/health, or
#                              LINTEL_HOST instead of 127.0.0.1 when the bridge
#                              listens on one address only
#   LINTEL_WATCHDOG_FAILURES   failed checks in a row before a restart (default 3)
#   LINTEL_WATCHDOG_STATE_DIR  default /run/lintel-watchdog
#   LINTEL_BRIDGE_UNIT         default lintel-bridge.service
#   LINTEL_SYSTEMCTL           default systemctl (tests put a stand-in here)
set -euo pipefail

host="${LINTEL_HOST:-127.0.0.1}"
case "$host" in
  0.0.0.0 | :: | "[::]") host=127.0.0.1 ;;
  \[*) ;;
  *:*) host="[$host]" ;;
esac
url="${LINTEL_HEALTH_URL:-http://$host:${PORT:-8080}/api/health}"
limit="${LINTEL_WATCHDOG_FAILURES:-3}"
state_dir="${LINTEL_WATCHDOG_STATE_DIR:-/run/lintel-watchdog}"
unit="${LINTEL_BRIDGE_UNIT:-lintel-bridge.service}"
systemctl="${LINTEL_SYSTEMCTL:-systemctl}"
counter="$state_dir/failures"

# journald reads a leading <N> as the message's priority: 3 error, 4 warning, 6 info.
log() {
  printf '<%s>lintel-watchdog: %s\n' "$1" "$2"
}

mkdir -p "$state_dir"

# An admin who stopped the bridge on purpose does not want it back.
state="$("$systemctl" is-active "$unit" 2>/dev/null || true)"
if [ "$state" = "inactive" ]; then
  rm -f "$counter"
  exit 0
fi

# The answer's body, then its status code on a line of its own: an unhealthy
# bridge answers 503 with the problems (say, a room's sync stuck), and the log
# must say which.
reason=""
if answer="$(curl --silent --show-error --max-time 5 --write-out '\n%{http_code}' "$url" 2>&1)"; then
  code="${answer##*$'\n'}"
  body="${answer%$'\n'*}"
  if [ "$code" = 200 ] && printf '%s' "$body" | grep -Eq '"status"[[:space:]]*:[[:space:]]*"ok"'; then
    if [ -f "$counter" ]; then
      log 6 "$url answers again; the bridge is healthy"
      rm -f "$counter"
    fi
    exit 0
  fi
  reason="answered $code: $(printf '%s' "$body" | tr -d '\n' | head -c 400)"
else
  reason="${answer%$'\n'*}"
  reason="${reason:-no answer}"
fi

failures=0
if [ -f "$counter" ]; then
  failures="$(cat "$counter")"
  case "$failures" in '' | *[!0-9]*) failures=0 ;; esac
fi
failures=$((failures + 1))

if [ "$failures" -lt "$limit" ]; then
  printf '%s\n' "$failures" >"$counter"
  log 4 "health check $failures of $limit failed ($unit is $state): $url: $reason"
  exit 0
fi

rm -f "$counter"
log 3 "health check failed $failures times in a row ($unit is $state): $url: $reason; restarting $unit"
# reset-failed first: a bridge that gave up after too many quick restarts
# (StartLimitBurst) would otherwise refuse to start again.
"$systemctl" reset-failed "$unit" || true
"$systemctl" restart "$unit"
