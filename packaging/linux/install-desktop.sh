#!/usr/bin/env bash
# Install ProofDesk's desktop entry, AppStream metainfo, icons and MIME associations for one user
# (or system-wide with PREFIX=/usr/local as root). Expects `proofdesk` on PATH (pip or the bundle).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
prefix=${PREFIX:-$HOME/.local}
id=org.proofdesk.ProofDesk
install -Dm644 "$here/$id.desktop" "$prefix/share/applications/$id.desktop"
install -Dm644 "$here/$id.metainfo.xml" "$prefix/share/metainfo/$id.metainfo.xml"
install -Dm644 "$root/resources/icons/app/proofdesk.svg" "$prefix/share/icons/hicolor/scalable/apps/$id.svg"
for png in "$root"/resources/icons/app/hicolor/*/apps/$id.png; do
  size=$(basename "$(dirname "$(dirname "$png")")")
  install -Dm644 "$png" "$prefix/share/icons/hicolor/$size/apps/$id.png"
done
command -v update-desktop-database >/dev/null && update-desktop-database -q "$prefix/share/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$prefix/share/icons/hicolor" || true
echo "installed $id under $prefix"
