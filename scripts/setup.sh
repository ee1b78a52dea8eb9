#!/usr/bin/env bash
# Quick start, step one: install what the edition needs on Debian, then build it.
#   - Debian packages: Chromium (Paged.js lays out the PDF in it), EPUBCheck
#     (Java), poppler-utils (pdfinfo/pdftotext for the tests), pandoc (the
#     benchmark's yardstick), the CSL styles (works cited), Ghostscript (the
#     print-on-demand profile's PDF/X).
#   - npm packages from the lock file. npm 11 runs no install scripts, and
#     puppeteer is told to skip its own browser download (.puppeteerrc.cjs
#     points it at Debian's Chromium).
#   - src/ compiled to dist/ by esbuild (`npm run build:code`), which
#     bin/edition.js runs.
# Pass --no-build to install (and compile the code) only.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(chromium epubcheck poppler-utils pandoc citation-style-language-styles ghostscript)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}"
fi

ELECTRON_SKIP_BINARY_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund
# The command runs compiled code (dist/): without it, it runs the sources through tsx, slower.
npm run build:code

if [ "${1:-}" != "--no-build" ]; then
  npm run build
fi
