#!/usr/bin/env bash
# The NSIS installer made by CPack, under Wine: it installs (silently), the installed ferry-cli.exe
# and its Qt and MinGW DLLs run, the Explorer entry is registered, and the uninstaller removes it all.
#   installer-under-wine.sh BUILD_DIR WINE
set -u
build="$1"
wine="${2:-wine}"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
pass() { echo "PASS: $*"; }

rm -f "$build"/packages/Ferry-*-windows-x64.exe
if ! (cd "$build" && cpack -G NSIS >cpack.log 2>&1); then
    echo "FAIL: cpack -G NSIS"; tail -20 "$build/cpack.log"; exit 1
fi
installer=$(ls "$build"/packages/Ferry-*-windows-x64.exe 2>/dev/null | head -1)
[ -n "$installer" ] || { echo "FAIL: no installer made"; exit 1; }
pass "installer made: $(basename "$installer") ($(du -h "$installer" | cut -f1))"

drive_c="${WINEPREFIX:-$HOME/.wine}/drive_c"
target="FerryInstallTest$$"
rm -rf "$drive_c/$target"
"$wine" "$installer" /S "/D=C:\\$target"
installed="$drive_c/$target"
for f in bin/ferry.exe bin/ferry-cli.exe bin/Qt6Core.dll bin/Qt6Widgets.dll bin/libwinpthread-1.dll \
         bin/platforms/qwindows.dll bin/styles/qwindowsvistastyle.dll Uninstall.exe; do
    [ -f "$installed/$f" ] || fail "not installed: $f"
done
version=$("$wine" "C:\\$target\\bin\\ferry-cli.exe" --version 2>&1 | tr -d '\r')
grep -q '^ferry-cli [0-9]' <<<"$version" && pass "installed ferry-cli.exe runs: $version" || fail "installed ferry-cli.exe: $version"
# A copy by the installed program, with only its own DLLs (no WINEPATH).
work=$(mktemp -d)
mkdir -p "$work/src"
printf 'installed' > "$work/src/file.txt"
out=$(env -u WINEPATH "$wine" "C:\\$target\\bin\\ferry-cli.exe" "Z:${work//\//\\}\\src" "Z:${work//\//\\}\\out" 2>&1)
[ "$(cat "$work/out/src/file.txt" 2>/dev/null)" = installed ] && pass "installed ferry-cli.exe copies" || fail "installed copy: $out"
rm -rf "$work"
reg=$("$wine" reg query 'HKLM\Software\Classes\Directory\shell\Ferry\command' 2>&1 | tr -d '\r')
grep -qi "ferry.exe" <<<"$reg" && pass "Explorer entry registered" || fail "Explorer entry: $reg"
# _? runs the uninstaller in place and waits for it.
"$wine" "C:\\$target\\Uninstall.exe" /S "_?=C:\\$target"
left=$(find "$installed" -type f ! -name Uninstall.exe 2>/dev/null | head -5)
[ -z "$left" ] && pass "uninstalled" || fail "left after uninstall: $left"
reg=$("$wine" reg query 'HKLM\Software\Classes\Directory\shell\Ferry' 2>&1)
grep -qi "ferry.exe" <<<"$reg" && fail "Explorer entry left" || pass "Explorer entry removed"
rm -rf "$installed"
echo "$failures failed"
[ "$failures" -eq 0 ]
