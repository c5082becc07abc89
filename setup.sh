#!/usr/bin/env bash
# Set up normkit on a Debian machine: system packages the builds need, a virtual
# environment in .venv, and the normkit package installed into it (editable).
#
#   bash setup.sh          what building the standards needs
#   bash setup.sh --dev    that, plus what the test suite needs
#
# Idempotent: packages already present are not installed again.
set -euo pipefail
cd "$(dirname "$0")"

dev=0
[ "${1:-}" = "--dev" ] && dev=1

# Fonts and libraries the PDF build needs: Noto CJK for Chinese, HarfBuzz-Subset so
# that WeasyPrint subsets fonts fast, rsvg-convert for figures in DOCX, gettext tools
# (msgfmt) for the translation workflow; FreeFont covers the symbols and combining
# marks the Noto faces lack.
apt_packages=(fonts-noto-cjk fonts-freefont-ttf libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 librsvg2-bin gettext git)
# The tests read PDFs back with poppler, open DOCX files in LibreOffice and look at
# pages in headless Chromium.
[ "$dev" = 1 ] && apt_packages+=(poppler-utils libreoffice-writer-nogui libreoffice-math-nogui chromium shellcheck)

missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing system packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv"
  "$python" -m venv .venv
fi
extra=""
[ "$dev" = 1 ] && extra="[dev]"
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".$extra"
echo "setup: ready (.venv/bin/normkit)"
