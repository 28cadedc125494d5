#!/usr/bin/env bash
# `npm run screenshots`: regenerates the README's images from the browser tests, so they always
# show the current extension against the fake API's seed (never drawn by hand).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash test/editor/setup.sh
npm run --silent compile
npm run --silent package >/dev/null
rm -f .test-output/screenshots/*.png
node out/test/editor/runE2e.js --grep 'sidebar|livestream panel|go live|playback preview|app dashboard'

mkdir -p media/screenshots
# README name <- screenshot the e2e tests take
while read -r target source; do
  cp ".test-output/screenshots/$source" "media/screenshots/$target"
  echo "media/screenshots/$target  <-  $source"
done <<'MAP'
overview-dark.png panel--dark--live.png
panel-light.png panel--light--live.png
tree-statuses.png sidebar--statuses-dark.png
quick-pick.png sidebar--palette-pick.png
go-live-notification.png go-live--live-notification.png
obs-health.png go-live--obs-health.png
preview-waiting.png preview--waiting.png
preview-playing.png preview--playing.png
preview-unsupported.png preview--unsupported.png
dashboard.png dashboard--30-days.png
session.png meetings--session.png
MAP
