#!/usr/bin/env bash
# Installs Lintel on a Debian computer (Debian 13 "trixie": its nodejs is Node 20):
# the bridge, a room display (Chromium kiosk), or both.
#
#   sudo kiosk-config/install.sh                       bridge and display on this computer
#   sudo kiosk-config/install.sh --role bridge         the bridge only (a building's server)
#   sudo kiosk-config/install.sh --role kiosk --display-url http://lintel.contoso.com:8080/rooms/harbour
#
# Options:
#   --role bridge|kiosk|both   what this computer runs (default both)
#   --display-url URL          what the display shows (default http://127.0.0.1:8080/
#                              with --role both; required for a display-only computer)
#   --dry-run                  print every file it would change and every command it
#                              would run; change nothing
#   --root DIR                 install the files under DIR instead of /, and print (not
#                              run) the commands that act on the live system
#                              (apt-get, useradd, chown, npm, systemctl)
#
# It is idempotent: a second run changes nothing and says so ("unchanged: <file>").
# /etc/lintel/lintel.env is written only when it does not exist: an admin's
# configuration is never overwritten. /opt/lintel is the installer's: keep your
# own files in /etc/lintel.
set -euo pipefail
umask 022

role=both
display_url=""
root=""
root_mode=0
dry_run=0

say() { printf '%s\n' "$*"; }
die() {
  printf 'install.sh: %s\n' "$*" >&2
  exit 1
}
usage() { sed -n '2,22s/^# \{0,1\}//p' "$0"; }

while [ "$#" -gt 0 ]; do
  case "$1" in
    --role)
      [ "$#" -ge 2 ] || die "--role needs a value: bridge, kiosk or both"
      role="$2"
      shift 2
      ;;
    --role=*)
      role="${1#*=}"
      shift
      ;;
    --display-url)
      [ "$#" -ge 2 ] || die "--display-url needs a URL"
      display_url="$2"
      shift 2
      ;;
    --display-url=*)
      display_url="${1#*=}"
      shift
      ;;
    --root)
      [ "$#" -ge 2 ] || die "--root needs a folder"
      root="$2"
      root_mode=1
      shift 2
      ;;
    --root=*)
      root="${1#*=}"
      root_mode=1
      shift
      ;;
    --dry-run)
      dry_run=1
      shift
      ;;
    -h | --help)
      usage
      exit 0
      ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
done

case "$role" in
  bridge | kiosk | both) ;;
  *) die "--role must be bridge, kiosk or both, not '$role'" ;;
esac
with_bridge=0
with_kiosk=0
[ "$role" = kiosk ] || with_bridge=1
[ "$role" = bridge ] || with_kiosk=1

if [ "$root_mode" -eq 1 ]; then
  [ -n "$root" ] || die "--root needs a folder"
  case "$root" in
    /*) ;;
    *) root="$PWD/$root" ;;
  esac
  while [ "${#root}" -gt 1 ] && [ "${root%/}" != "$root" ]; do root="${root%/}"; done
  [ "$root" != / ] || die "--root / is the live system: leave --root out"
fi
# Commands run for real only on the live system and not in a dry run.
live=0
[ "$root_mode" -eq 1 ] || [ "$dry_run" -eq 1 ] || live=1
# The live system may be looked at (read only) unless the target is another root.
inspect=0
[ "$root_mode" -eq 1 ] || inspect=1

src="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
grep -q '"name": *"lintel"' "$src/package.json" 2>/dev/null ||
  die "$src is not a Lintel checkout (no package.json named \"lintel\"); run the install.sh inside one"

if [ "$live" -eq 1 ]; then
  [ "$(id -u)" -eq 0 ] || die "run it as root (sudo $0 ...), or look first with --dry-run"
  command -v apt-get >/dev/null 2>&1 || die "this installer is for Debian (apt-get not found)"
fi

# The file path on disk: under --root DIR, DIR/path.
on_disk() { printf '%s%s' "$root" "$1"; }

# --- the display URL ---------------------------------------------------------

url_re="^https?://([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\])(:[0-9]+)?(/[^[:space:]\"'\\\\]*)?$"
kiosk_env=/etc/lintel/kiosk.env
if [ "$with_kiosk" -eq 1 ]; then
  if [ -z "$display_url" ] && [ -f "$(on_disk "$kiosk_env")" ]; then
    display_url="$(sed -n 's/^LINTEL_DISPLAY_URL=//p' "$(on_disk "$kiosk_env")" | tail -n 1)"
    keep_kiosk_env=1
  fi
  if [ -z "$display_url" ]; then
    [ "$role" = both ] || die "a display-only computer needs --display-url http://<bridge>:8080/ (or /rooms/<id>)"
    display_url="http://127.0.0.1:8080/"
  fi
  [[ "$display_url" =~ $url_re ]] ||
    die "--display-url must be an http(s) URL without spaces or quotes, like http://lintel.contoso.com:8080/rooms/harbour, not '$display_url'"
elif [ -n "$display_url" ]; then
  die "--display-url is for a display: use --role kiosk or both"
fi

# --- Node.js -------------------------------------------------------------------

# Refuses a Node.js older than Lintel's engines (>=20.19).
check_node() {
  local node="$1" version major minor rest
  version="$("$node" --version 2>/dev/null)" || die "cannot run $node --version"
  version="${version#v}"
  major="${version%%.*}"
  rest="${version#*.}"
  minor="${rest%%.*}"
  case "$major$minor" in
    '' | *[!0-9]*) die "cannot read the version of $node ('$version')" ;;
  esac
  if [ "$major" -lt 20 ] || { [ "$major" -eq 20 ] && [ "$minor" -lt 19 ]; }; then
    die "Node.js $version ($node) is too old: Lintel needs Node.js 20.19 or newer. Debian 13 \"trixie\" has it (apt-get install nodejs); on an older Debian, upgrade first."
  fi
}
if [ "$with_bridge" -eq 1 ] && command -v node >/dev/null 2>&1; then
  check_node "$(command -v node)"
fi

# --- helpers -------------------------------------------------------------------

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

files_changed=0
commands_run=0

# The command as one would type it: arguments quoted only when they need it.
quoted() {
  local out="" arg
  for arg in "$@"; do
    case "$arg" in
      '' | *[!A-Za-z0-9_./:=,@%+-]*) out+="'${arg//\'/\'\\\'\'}' " ;;
      *) out+="$arg " ;;
    esac
  done
  printf '%s' "${out% }"
}

# Runs a command that acts on the live system, or only prints it.
act() {
  if [ "$live" -eq 1 ]; then
    say "run: $(quoted "$@")"
    "$@"
    commands_run=$((commands_run + 1))
  else
    say "would run: $(quoted "$@")"
  fi
}

# act, in a folder.
act_in() {
  local dir="$1"
  shift
  if [ "$live" -eq 1 ]; then
    say "run: (cd $(quoted "$dir") && $(quoted "$@"))"
    (cd "$dir" && "$@")
    commands_run=$((commands_run + 1))
  else
    say "would run: (cd $(quoted "$dir") && $(quoted "$@"))"
  fi
}

# put_file SOURCE PATH MODE: PATH gets SOURCE's content and MODE, unless it has
# them already. Sets changed=1 when it wrote. Writes a temporary file and
# renames it, so a unit or script is never seen half written.
changed=0
put_file() {
  local from="$1" dest="$root$2" mode="$3"
  changed=0
  if [ -f "$dest" ] && cmp -s "$from" "$dest"; then
    if [ "$(stat -c %a "$dest")" = "${mode#0}" ]; then
      say "unchanged: $dest"
      return 0
    fi
    changed=1
    files_changed=$((files_changed + 1))
    if [ "$dry_run" -eq 1 ]; then
      say "would chmod $mode: $dest"
    else
      chmod "$mode" "$dest"
      say "chmod $mode: $dest"
    fi
    return 0
  fi
  changed=1
  files_changed=$((files_changed + 1))
  if [ "$dry_run" -eq 1 ]; then
    say "would write: $dest"
    return 0
  fi
  [ -d "${dest%/*}" ] || mkdir -p "${dest%/*}"
  install -m "$mode" "$from" "$dest.lintel-new"
  mv -f "$dest.lintel-new" "$dest"
  say "wrote: $dest"
}

# put_text PATH MODE TEXT: put_file with the given content.
put_text() {
  printf '%s' "$3" >"$work/text"
  put_file "$work/text" "$1" "$2"
}

# remove_file PATH: removes a file the installer once wrote, if it is there.
remove_file() {
  local dest="$root$1"
  [ -e "$dest" ] || return 0
  files_changed=$((files_changed + 1))
  if [ "$dry_run" -eq 1 ]; then
    say "would remove: $dest"
  else
    rm -f "$dest"
    say "removed: $dest"
  fi
}

# Files of a checkout to install: everything but dependencies, build output,
# version control and test leftovers.
list_files() {
  (cd "$1" && find . \( -name node_modules -o -name .git -o -path ./dist -o -path ./test-results \
    -o -name .lintel-data -o -name '*.log' \) -prune -o -type f -print0) | LC_ALL=C sort -z
}

# sync_tree FROM PATH: PATH becomes a copy of the folder FROM (see list_files),
# file by file, leaving identical files untouched and removing files FROM no
# longer has. node_modules and dist in PATH (made there by npm) are kept.
# Appends each changed file to $work/synced.
sync_tree() {
  local from="$1" dest="$root$2" rel mode sum same=0 existed=0 before="$files_changed"
  local -A want=() have=()
  list_files "$from" >"$work/from.list"
  (cd "$from" && xargs -0 -r sha256sum <"$work/from.list") >"$work/from.sums"
  while read -r sum rel; do want["${rel#./}"]="$sum"; done <"$work/from.sums"
  if [ -d "$dest" ]; then
    existed=1
    # What is there already: "<sha256> <mode>" by path.
    list_files "$dest" >"$work/dest.list"
    (cd "$dest" && xargs -0 -r sha256sum <"$work/dest.list") >"$work/dest.sums"
    while read -r sum rel; do have["${rel#./}"]="$sum"; done <"$work/dest.sums"
    (cd "$dest" && xargs -0 -r stat -c '%a %n' <"$work/dest.list") >"$work/dest.modes"
    while read -r mode rel; do have["${rel#./}"]+=" $mode"; done <"$work/dest.modes"
  fi
  : >"$work/new.list"
  : >"$work/new.0644"
  : >"$work/new.0755"
  while IFS= read -r -d '' rel; do
    rel="${rel#./}"
    mode=0644
    [ ! -x "$from/$rel" ] || mode=0755
    if [ "${have[$rel]:-}" = "${want[$rel]:-} ${mode#0}" ]; then
      same=$((same + 1))
    elif [ -n "${have[$rel]+there}" ]; then
      put_file "$from/$rel" "$2/$rel" "$mode"
      printf '%s\n' "$2/$rel" >>"$work/synced"
    else
      # New files are copied together below (one tar instead of a copy each).
      printf '%s\0' "$rel" | tee -a "$work/new.$mode" >>"$work/new.list"
      printf '%s\n' "$2/$rel" >>"$work/synced"
      files_changed=$((files_changed + 1))
      if [ "$dry_run" -eq 1 ]; then say "would write: $dest/$rel"; else say "wrote: $dest/$rel"; fi
    fi
  done <"$work/from.list"
  if [ "$dry_run" -eq 0 ] && [ -s "$work/new.list" ]; then
    mkdir -p "$dest"
    (cd "$from" && tar --create --file=- --null --files-from="$work/new.list") |
      (cd "$dest" && tar --extract --file=- --no-same-owner)
    (cd "$dest" && xargs -0 -r chmod 0644 <"$work/new.0644" && xargs -0 -r chmod 0755 <"$work/new.0755")
  fi
  if [ "$existed" -eq 1 ]; then
    while IFS= read -r -d '' rel; do
      rel="${rel#./}"
      [ ! -e "$from/$rel" ] || continue
      remove_file "$2/$rel"
      printf '%s\n' "$2/$rel" >>"$work/synced"
    done <"$work/dest.list"
  fi
  [ "$same" -eq 0 ] || say "unchanged: $dest/ ($same files)"
  [ "$files_changed" -eq "$before" ] || app_changed=1
}

: >"$work/synced"
app_changed=0

# --- 1. Debian packages ----------------------------------------------------------

packages=()
if [ "$with_bridge" -eq 1 ]; then
  # python3, make and g++ build better-sqlite3 when its prebuilt binary cannot be downloaded.
  packages+=(nodejs npm curl python3 make g++)
fi
if [ "$with_kiosk" -eq 1 ]; then
  # Noto fonts: the display speaks Japanese and Arabic too.
  packages+=(chromium cage curl fonts-noto-core fonts-noto-cjk)
fi
missing=()
for package in "${packages[@]}"; do
  case " ${missing[*]} " in *" $package "*) continue ;; esac
  if [ "$inspect" -eq 1 ] && [ "$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)" = "install ok installed" ]; then
    continue
  fi
  missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  act apt-get update -q
  act env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
else
  say "unchanged: Debian packages (${packages[*]})"
fi
if [ "$with_bridge" -eq 1 ] && [ "$live" -eq 1 ]; then
  # What lintel-bridge.service runs.
  [ -x /usr/bin/node ] || die "/usr/bin/node is missing after installing nodejs"
  check_node /usr/bin/node
fi

# --- 2. users --------------------------------------------------------------------

ensure_user() {
  local name="$1"
  shift
  if [ "$inspect" -eq 1 ] && getent passwd "$name" >/dev/null; then
    say "unchanged: user $name"
    return 0
  fi
  act useradd --system "$@" "$name"
}
if [ "$with_bridge" -eq 1 ]; then
  # The bridge's user; its home is its data folder (systemd's StateDirectory makes it).
  ensure_user lintel --user-group --home-dir /var/lib/lintel --no-create-home --shell /usr/sbin/nologin
fi
if [ "$with_kiosk" -eq 1 ]; then
  # The display's user, who owns the screen's login session; video and render reach the GPU.
  groups=""
  for group in video render; do
    if [ "$inspect" -eq 0 ] || getent group "$group" >/dev/null; then groups="${groups:+$groups,}$group"; fi
  done
  ensure_user lintel-kiosk --user-group --create-home --home-dir /var/lib/lintel-kiosk --shell /usr/sbin/nologin ${groups:+--groups "$groups"}
fi

# --- 3. the app in /opt/lintel -----------------------------------------------------

app=/opt/lintel
if [ -d "$(on_disk "$app")" ] && [ "$(cd "$(on_disk "$app")" && pwd -P)" = "$src" ]; then
  say "unchanged: $app (the installer runs from it)"
elif [ "$with_bridge" -eq 1 ]; then
  sync_tree "$src" "$app"
else
  # A display-only computer needs the launcher and its unit, not the bridge.
  sync_tree "$src/kiosk-config" "$app/kiosk-config"
fi

if [ "$with_bridge" -eq 1 ]; then
  # Build when the sources differ from the last successful build. The build
  # needs the devDependencies (vite, esbuild); they are pruned after it.
  stamp="$app/dist/.lintel-build"
  list_files "$src" | (cd "$src" && xargs -0 -r sha256sum) | sha256sum | cut -d ' ' -f 1 >"$work/build-stamp"
  if [ -f "$(on_disk "$stamp")" ] && cmp -s "$work/build-stamp" "$(on_disk "$stamp")" && [ -f "$(on_disk "$app/dist/bridge/main.js")" ]; then
    say "unchanged: $(on_disk "$app/dist") (built from these sources)"
  else
    act_in "$app" npm ci --no-audit --no-fund
    act_in "$app" npm run build
    act_in "$app" npm prune --omit=dev --no-audit --no-fund
    if [ "$live" -eq 1 ]; then
      cp "$work/build-stamp" "$stamp"
    fi
    app_changed=1
  fi
fi

# --- 4. configuration in /etc/lintel -------------------------------------------------

if [ "$with_bridge" -eq 1 ]; then
  env_file=/etc/lintel/lintel.env
  if [ -e "$(on_disk "$env_file")" ]; then
    say "unchanged: $(on_disk "$env_file") (exists: an admin's configuration is never overwritten)"
  else
    put_file "$src/kiosk-config/lintel.env.example" "$env_file" 0640
    # Readable by the bridge's group only: it may hold a client secret.
    act chown root:lintel "$env_file"
  fi
fi

kiosk_changed=0
if [ "$with_kiosk" -eq 1 ]; then
  if [ "${keep_kiosk_env:-0}" -eq 1 ]; then
    say "unchanged: $(on_disk "$kiosk_env") (LINTEL_DISPLAY_URL=$display_url)"
  else
    put_text "$kiosk_env" 0644 "# What the Lintel display on this computer shows (lintel-kiosk.service).
# Written by install.sh: change it with install.sh --display-url URL.
LINTEL_DISPLAY_URL=$display_url
"
    [ "$changed" -eq 0 ] || kiosk_changed=1
  fi
  # A display that reaches its bridge over plain http on the network is not a
  # "secure context", and Chromium would refuse it the service worker (the
  # offline display) and the screen wake lock. This Chromium policy lets that
  # one origin have them (the command-line switch for it shows a warning bar).
  origin="$(printf '%s\n' "$display_url" | sed -E 's#^(https?://[^/?#]+).*#\1#')"
  policy=/etc/chromium/policies/managed/lintel.json
  case "$origin" in
    https://* | http://127.0.0.1 | http://127.0.0.1:* | http://localhost | http://localhost:* | "http://[::1]" | "http://[::1]:"*)
      remove_file "$policy"
      ;;
    *)
      put_text "$policy" 0644 "{
  \"OverrideSecurityRestrictionsOnInsecureOrigin\": [\"$origin\"]
}
"
      [ "$changed" -eq 0 ] || kiosk_changed=1
      ;;
  esac
  if grep -qx "$app/kiosk-config/kiosk/lintel-kiosk.sh" "$work/synced"; then kiosk_changed=1; fi
fi

# --- 5. systemd units ------------------------------------------------------------------

units_changed=0
bridge_unit_changed=0
install_unit() {
  put_file "$src/kiosk-config/systemd/$1" "/etc/systemd/system/$1" 0644
  [ "$changed" -eq 0 ] || units_changed=1
}
if [ "$with_bridge" -eq 1 ]; then
  install_unit lintel-bridge.service
  bridge_unit_changed="$changed"
  install_unit lintel-watchdog.service
  install_unit lintel-watchdog.timer
fi
if [ "$with_kiosk" -eq 1 ]; then
  install_unit lintel-kiosk.service
  [ "$changed" -eq 0 ] || kiosk_changed=1
fi

if [ "$units_changed" -eq 1 ]; then
  act systemctl daemon-reload
fi

# start_unit UNIT CHANGED: enabled at boot, running, and restarted when it changed.
start_unit() {
  local unit="$1" unit_changed="$2"
  if [ "$inspect" -eq 0 ]; then
    act systemctl enable --now "$unit"
    return 0
  fi
  local enabled=1 active=1
  systemctl is-enabled --quiet "$unit" 2>/dev/null || enabled=0
  systemctl is-active --quiet "$unit" 2>/dev/null || active=0
  [ "$enabled" -eq 1 ] || act systemctl enable "$unit"
  if [ "$active" -eq 0 ]; then
    act systemctl start "$unit"
  elif [ "$unit_changed" -eq 1 ]; then
    act systemctl restart "$unit"
  elif [ "$enabled" -eq 1 ]; then
    say "unchanged: $unit (enabled and running)"
  fi
}
if [ "$with_bridge" -eq 1 ]; then
  bridge_changed=0
  if [ "$app_changed" -eq 1 ] || [ "$bridge_unit_changed" -eq 1 ]; then bridge_changed=1; fi
  start_unit lintel-bridge.service "$bridge_changed"
  start_unit lintel-watchdog.timer 0
fi
if [ "$with_kiosk" -eq 1 ]; then
  # The display is a graphical.target service; a minimal Debian boots to multi-user.target.
  if [ "$inspect" -eq 0 ] || [ "$(systemctl get-default 2>/dev/null || true)" != graphical.target ]; then
    act systemctl set-default graphical.target
  fi
  start_unit lintel-kiosk.service "$kiosk_changed"
fi

# --- summary -----------------------------------------------------------------------------

if [ "$files_changed" -eq 0 ] && [ "$commands_run" -eq 0 ]; then
  say "Nothing changed: every file was already up to date."
elif [ "$dry_run" -eq 1 ]; then
  say "Dry run: $files_changed file(s) would change; nothing was changed."
else
  say "Done: $files_changed file(s) changed, $commands_run command(s) run."
fi
if [ "$root_mode" -eq 1 ] && [ "$dry_run" -eq 0 ]; then
  say "Installed under $root; the commands marked \"would run\" act on the live system and were not run."
fi
if [ "$live" -eq 1 ] && [ "$with_bridge" -eq 1 ]; then
  say "Configuration: /etc/lintel/lintel.env. Health: curl http://127.0.0.1:8080/api/health. Logs: journalctl -u lintel-bridge.service"
fi
