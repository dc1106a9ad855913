#!/usr/bin/env bash
# Installs from Debian what the tests need and this machine lacks (npm can
# install none of it): Chromium for the end-to-end tests and the kiosk's Noto
# fonts (kiosk-config/install.sh), so their screenshots and fit checks see
# the glyphs a display shows, Japanese and Arabic too; socat for the base
# unit's pseudo-terminals, shellcheck and curl for the kiosk scripts' tests,
# the Redis, PostgreSQL, mosquitto and Radicale servers the tests start on
# free ports, and libpq-dev with python3, make and g++, which npm install
# builds the PostgreSQL client module with. test/preflight.mjs runs it before
# the tests, .ci/run before npm install.
#
# Usage: install-test-tools.sh [--list] [--root DIR]
#   --list      print what is missing, one Debian package a line, and install nothing
#   --root DIR  look for the programs Debian installs off the PATH under DIR (its test)
set -euo pipefail

list=""
root=""
while (($#)); do
  case "$1" in
    --list) list=1 ;;
    --root) root="${2:?--root needs a folder}"; shift ;;
    *) echo "install-test-tools.sh: unknown option $1 (usage: install-test-tools.sh [--list] [--root DIR])" >&2; exit 2 ;;
  esac
  shift
done

missing=()
[ -x "$root/usr/bin/chromium" ] || missing+=(chromium)
[ -f "$root/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf" ] || missing+=(fonts-noto-core)
[ -f "$root/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc" ] || missing+=(fonts-noto-cjk)
[ -x "$root/usr/sbin/mosquitto" ] || missing+=(mosquitto)
[ -x "$root/usr/bin/radicale" ] || missing+=(radicale)
compgen -G "$root/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
command -v pg_config >/dev/null 2>&1 || missing+=(libpq-dev)
for program in socat shellcheck curl redis-server python3 make g++; do
  command -v "$program" >/dev/null 2>&1 || missing+=("$program")
done

((${#missing[@]})) || exit 0
if [ -n "$list" ]; then
  printf '%s\n' "${missing[@]}"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "The tests need ${missing[*]} (Debian's names), and this machine has no apt-get to install them: install them yourself (README.md, \"Test it\", says what macOS takes)." >&2
  exit 1
fi
as_root=()
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "The tests need ${missing[*]}, and only root can install them, without sudo here: run \"su -c 'apt-get install -y ${missing[*]}'\", then the tests again." >&2
    exit 1
  fi
  as_root=(sudo)
fi
echo "Installing from Debian what the tests need: ${missing[*]}"
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
