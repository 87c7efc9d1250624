#!/usr/bin/env bash
# ferry.exe under Wine: `ferry SOURCE DEST --start --quit-when-done` copies the folder, says Done
# and exits 0, with its Qt platform plugin found beside Qt (offscreen here; the windows plugin on a
# display, which the README's screenshot shows).
#   window-under-wine.sh FERRY_EXE WINE
set -u
exe="$1"
wine="${2:-wine}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/src/Fotos"
printf 'one' > "$tmp/src/Fotos/ä one.txt"
head -c 2000000 /dev/urandom > "$tmp/src/big.bin"
win() { local p="${1//\//\\}"; printf 'Z:%s' "$p"; }
"$wine" "$exe" -platform offscreen "$(win "$tmp/src")" "$(win "$tmp/dest")" --start --quit-when-done >"$tmp/out" 2>&1
code=$?
if [ "$code" -eq 0 ] && diff -r "$tmp/src" "$tmp/dest/src" >/dev/null; then
    echo "PASS: ferry.exe copied the folder and exited 0"
else
    echo "FAIL: ferry.exe exit $code; $(diff -r "$tmp/src" "$tmp/dest/src" 2>&1 | head -3); $(head -c 2000 "$tmp/out")"
    exit 1
fi
