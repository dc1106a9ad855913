#!/usr/bin/env bash
# Lintel room display: Chromium in kiosk mode, unattended.
#
# Run by lintel-kiosk.service (inside the cage kiosk compositor) as the kiosk
# user. It exec's Chromium, so the browser is the process its supervisor
# watches: when Chromium exits or crashes, cage exits and systemd starts both
# again two seconds later.
#
#   LINTEL_DISPLAY_URL    what to show (default http://127.0.0.1:8080/, the bridge
#                         on this computer); /rooms/<id> for a given room
#   LINTEL_CHROMIUM       the browser (default /usr/bin/chromium, Debian's)
#   LINTEL_KIOSK_PROFILE  Chromium's profile folder (default ~/.config/lintel-kiosk)
#   LINTEL_KIOSK_WAIT_SECONDS  how long to wait at start for the bridge to
#                         answer (default 60); the display starts anyway after
#                         that, from its offline copy if it has one
#
#   lintel-kiosk.sh --print   prints the command it would run, one argument
#                             per line, and exits without starting anything
set -euo pipefail

print_only=0
case "${1:-}" in
  --print) print_only=1 ;;
  "") ;;
  *)
    echo "usage: $0 [--print]" >&2
    exit 2
    ;;
esac

url="${LINTEL_DISPLAY_URL:-http://127.0.0.1:8080/}"
chromium="${LINTEL_CHROMIUM:-/usr/bin/chromium}"
profile="${LINTEL_KIOSK_PROFILE:-${HOME:-/var/lib/lintel-kiosk}/.config/lintel-kiosk}"
wait_seconds="${LINTEL_KIOSK_WAIT_SECONDS:-60}"

case "$url" in
  http://* | https://*) ;;
  *)
    echo "lintel-kiosk: LINTEL_DISPLAY_URL must be an http(s) URL, not '$url'" >&2
    exit 2
    ;;
esac
case "$wait_seconds" in
  '' | *[!0-9]*)
    echo "lintel-kiosk: LINTEL_KIOSK_WAIT_SECONDS must be a whole number of seconds, not '$wait_seconds'" >&2
    exit 2
    ;;
esac

args=(
  # Full screen, no address bar, tabs or window frame, and no way out by keyboard.
  --kiosk
  # No error dialogs (a crash report prompt would sit on the screen for ever).
  --noerrdialogs
  # No information bars ("Chrome is being controlled...", and the like).
  --disable-infobars
  # No "Restore pages?" bubble after a power cut (older Chromium); newer ones
  # read --hide-crash-restore-bubble and the profile's exit flags, cleared below.
  --disable-session-crashed-bubble
  --hide-crash-restore-bubble
  # Pinching a touchscreen must not zoom the display out of its layout.
  --disable-pinch
  # A sideways swipe must not navigate back to a previous page.
  --overscroll-history-navigation=0
  # No "Translate this page?" prompt on a display in another language than
  # the system's. (One flag: Chromium honours only the last --disable-features.)
  "--disable-features=Translate,TranslateUI"
  # No welcome page or first-run dialogs on a fresh profile.
  --no-first-run
  # No "make Chromium your default browser" bar.
  --no-default-browser-check
  # Sounds may play without a tap first (nobody taps a display to unmute it).
  --autoplay-policy=no-user-gesture-required
  # Never nag about updates: Debian updates Chromium through apt.
  --check-for-update-interval=31536000
  # No background component downloads (Chromium's components come from apt too).
  --disable-component-update
  # No desktop keyring prompt: the kiosk stores no passwords, and a kiosk
  # session has no keyring to unlock.
  --password-store=basic
  # The display's own profile: its cached app, offline copy and queued walk-up
  # actions live here, apart from any other Chromium use on this computer.
  "--user-data-dir=$profile"
)
# Under cage (Wayland) draw through Wayland directly, not through Xwayland.
if [ -n "${WAYLAND_DISPLAY:-}" ]; then
  args+=(--ozone-platform=wayland)
fi
args+=("$url")

if [ "$print_only" -eq 1 ]; then
  printf '%s\n' "$chromium" "${args[@]}"
  exit 0
fi

mkdir -p "$profile/Default"

# A power cut leaves the profile marked "exited uncleanly", and Chromium would
# offer to restore the last session over the display. Mark it clean.
prefs="$profile/Default/Preferences"
if [ -f "$prefs" ]; then
  sed -i -e 's/"exited_cleanly":false/"exited_cleanly":true/g' \
    -e 's/"exit_type":"[^"]*"/"exit_type":"Normal"/g' "$prefs"
fi
# Chromium's single-instance lock survives a power cut too, and after a host
# name change it would ask whether the profile is in use on another computer.
# systemd runs one kiosk at a time, so a lock found here is always stale.
rm -f "$profile/SingletonLock" "$profile/SingletonSocket" "$profile/SingletonCookie"

# At boot, give the bridge a moment: a display that has never loaded the app
# has no offline copy yet. After that, start anyway (the app waits by itself).
if [ "$wait_seconds" -gt 0 ] && command -v curl >/dev/null 2>&1; then
  origin="$(printf '%s\n' "$url" | sed -E 's#^(https?://[^/?#]+).*#\1#')"
  deadline=$((SECONDS + wait_seconds))
  until curl --silent --fail --output /dev/null --max-time 2 "$origin/api/health"; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "lintel-kiosk: $origin/api/health did not answer within ${wait_seconds}s; starting the display anyway" >&2
      break
    fi
    sleep 2
  done
fi

exec "$chromium" "${args[@]}"
