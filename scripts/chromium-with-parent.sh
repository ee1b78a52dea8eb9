#!/bin/sh
# Chromium that the kernel kills when its parent (the build's node process)
# goes, however it goes (src/render/chromium.ts starts it so). `exec` keeps
# the process id, so puppeteer's process group and pipes are Chromium's own.
exec "$EDITION_SETPRIV" --pdeathsig KILL -- "$EDITION_CHROMIUM" "$@"
