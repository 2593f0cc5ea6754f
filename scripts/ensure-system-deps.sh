#!/usr/bin/env bash
# Ensure the system tools needed by the browser and HTML-validity tests exist.
#
#   chromium            Debian's Chromium at /usr/bin/chromium, driven by the
#                       Python `playwright` package (never `playwright install`).
#   fonts-dejavu-core   so that text renders in headless Chromium.
#   java (>= 17)        to run the Nu HTML Checker (default-jre-headless).
#   vnu.jar, axe.min.js from the npm packages vnu-jar and axe-core, installed
#                       into the project-local folder .cache/node (not committed).
#   sveltia-cms.js      the browser editor (npm @sveltia/cms, the version pinned in
#                       generator/authoring/editor_config.py), also into .cache/node:
#                       `transparency serve` and the editor's browser test load it
#                       from there instead of the CDN.
#
# Idempotent and fast when everything is present (no network, no apt).
# As root it installs what is missing (apt-get update runs at most once);
# as another user it prints what to install instead.
#
# Usage: scripts/ensure-system-deps.sh [--check]
#   --check   install nothing; report and exit 1 if anything is missing.
# Exit status: 0 when everything is present afterwards, 1 otherwise.
set -euo pipefail

VNU_JAR_VERSION="26.9.27"
AXE_CORE_VERSION="4.14.1"
SVELTIA_CMS_VERSION="0.221.1"
APT_JAVA_PACKAGES=(default-jre-headless)
MIN_JAVA_MAJOR=17

ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NODE_DIR="$ROOT_DIR/.cache/node"
VNU_JAR="$NODE_DIR/node_modules/vnu-jar/build/dist/vnu.jar"
AXE_JS="$NODE_DIR/node_modules/axe-core/axe.min.js"
EDITOR_JS="$NODE_DIR/node_modules/@sveltia/cms/dist/sveltia-cms.js"

CHECK_ONLY=0
case "${1:-}" in
  --check) CHECK_ONLY=1 ;;
  "") ;;
  -h|--help) sed -n '2,18p' "${BASH_SOURCE[0]}"; exit 0 ;;
  *) echo "ensure-system-deps: unknown argument: $1" >&2; exit 2 ;;
esac

log() { echo "ensure-system-deps: $*" >&2; }

IS_ROOT=0
[ "$(id -u)" -eq 0 ] && IS_ROOT=1

APT_UPDATED=0
APT_LOG="$(mktemp -t ensure-system-deps-apt.XXXXXX)"
trap 'rm -f "$APT_LOG"' EXIT

apt_install() {
  # apt_install PKG... : update the package lists once, then install.
  if [ "$APT_UPDATED" -eq 0 ]; then
    log "apt-get update"
    if ! apt-get -o DPkg::Lock::Timeout=300 update -q >"$APT_LOG" 2>&1; then
      tail -n 20 "$APT_LOG" >&2
      return 1
    fi
    APT_UPDATED=1
  fi
  log "apt-get install $*"
  if ! DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 \
      install -y -q --no-install-recommends "$@" >"$APT_LOG" 2>&1; then
    tail -n 20 "$APT_LOG" >&2
    return 1
  fi
}

dpkg_installed() {
  [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null || true)" = "installed" ]
}

have_chromium() { [ -x /usr/bin/chromium ] || command -v chromium >/dev/null 2>&1; }

java_major() {
  # Prints the major version of `java` on PATH, or nothing.
  command -v java >/dev/null 2>&1 || return 0
  java -version 2>&1 | sed -n 's/.*version "\([0-9][0-9]*\)\(\.[0-9]*\)*.*".*/\1/p' | head -n 1
}
have_java() {
  local major
  major="$(java_major)"
  [ -n "$major" ] && [ "$major" -ge "$MIN_JAVA_MAJOR" ]
}

npm_pkg_version() {
  # npm_pkg_version NAME : version of NAME installed in .cache/node, or nothing.
  local pj="$NODE_DIR/node_modules/$1/package.json"
  [ -f "$pj" ] || return 0
  sed -n 's/.*"version"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$pj" | head -n 1
}
have_node_tools() {
  [ -f "$VNU_JAR" ] && [ -f "$AXE_JS" ] && [ -f "$EDITOR_JS" ] \
    && [ "$(npm_pkg_version vnu-jar)" = "$VNU_JAR_VERSION" ] \
    && [ "$(npm_pkg_version axe-core)" = "$AXE_CORE_VERSION" ] \
    && [ "$(npm_pkg_version @sveltia/cms)" = "$SVELTIA_CMS_VERSION" ]
}

# --- work out what is missing ------------------------------------------------
apt_missing=()
have_chromium || apt_missing+=(chromium)
dpkg_installed fonts-dejavu-core || apt_missing+=(fonts-dejavu-core)
have_java || apt_missing+=("${APT_JAVA_PACKAGES[@]}")
need_npm=0
have_node_tools || need_npm=1
if [ "$need_npm" -eq 1 ] && ! command -v npm >/dev/null 2>&1; then
  apt_missing+=(npm)
fi

if [ "${#apt_missing[@]}" -eq 0 ] && [ "$need_npm" -eq 0 ]; then
  log "ok (chromium, java $(java_major), vnu-jar $VNU_JAR_VERSION, axe-core $AXE_CORE_VERSION, @sveltia/cms $SVELTIA_CMS_VERSION)"
  exit 0
fi

if [ "$CHECK_ONLY" -eq 1 ]; then
  [ "${#apt_missing[@]}" -gt 0 ] && log "missing system packages: ${apt_missing[*]}"
  [ "$need_npm" -eq 1 ] && log "missing $NODE_DIR tools: vnu-jar@$VNU_JAR_VERSION axe-core@$AXE_CORE_VERSION @sveltia/cms@$SVELTIA_CMS_VERSION"
  exit 1
fi

status=0

# --- system packages (root only) ---------------------------------------------
if [ "${#apt_missing[@]}" -gt 0 ]; then
  if [ "$IS_ROOT" -eq 1 ] && command -v apt-get >/dev/null 2>&1; then
    start=$SECONDS
    if apt_install "${apt_missing[@]}"; then
      log "installed ${apt_missing[*]} in $((SECONDS - start))s"
    else
      log "ERROR: apt-get install ${apt_missing[*]} failed"
      status=1
    fi
  else
    log "missing system packages: ${apt_missing[*]}"
    log "install them with:  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${apt_missing[*]}"
    status=1
  fi
fi

# --- vnu.jar and axe-core into .cache/node -----------------------------------
if [ "$need_npm" -eq 1 ]; then
  if command -v npm >/dev/null 2>&1; then
    mkdir -p "$NODE_DIR"
    [ -f "$NODE_DIR/package.json" ] || echo '{"private": true}' >"$NODE_DIR/package.json"
    log "npm install vnu-jar@$VNU_JAR_VERSION axe-core@$AXE_CORE_VERSION @sveltia/cms@$SVELTIA_CMS_VERSION into .cache/node"
    # --ignore-scripts: vnu-jar's postinstall would try to download a Java
    # runtime from GitHub when `java` is missing; java comes from apt instead.
    if ! npm install --prefix "$NODE_DIR" --ignore-scripts --save-exact \
        --no-audit --no-fund --no-update-notifier --loglevel=error \
        "vnu-jar@$VNU_JAR_VERSION" "axe-core@$AXE_CORE_VERSION" \
        "@sveltia/cms@$SVELTIA_CMS_VERSION" >/dev/null; then
      log "ERROR: npm install failed"
      status=1
    fi
  else
    log "npm is missing: install Node.js and npm (apt-get install -y npm), then re-run"
    status=1
  fi
fi

# --- final verification ------------------------------------------------------
have_chromium || { log "ERROR: chromium is still missing"; status=1; }
have_java || { log "ERROR: java >= $MIN_JAVA_MAJOR is still missing"; status=1; }
[ -f "$VNU_JAR" ] || { log "ERROR: $VNU_JAR is missing"; status=1; }
[ -f "$AXE_JS" ] || { log "ERROR: $AXE_JS is missing"; status=1; }
[ -f "$EDITOR_JS" ] || { log "ERROR: $EDITOR_JS is missing"; status=1; }
[ "$status" -eq 0 ] && log "ok (chromium, java $(java_major), vnu-jar $VNU_JAR_VERSION, axe-core $AXE_CORE_VERSION, @sveltia/cms $SVELTIA_CMS_VERSION)"
exit "$status"
