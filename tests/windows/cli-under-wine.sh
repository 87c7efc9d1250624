#!/usr/bin/env bash
# ferry-cli.exe under Wine, run as a Windows user runs it, on trees made on the Linux side (so
# that names Windows programs cannot make, such as CON.txt or two names differing only by case,
# can be sources).
#   cli-under-wine.sh FERRY_CLI_EXE WINE
set -u
exe="$1"
wine="${2:-wine}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
failures=0

# A Linux path as Wine's Z: drive shows it.
win() { local p="${1//\//\\}"; printf 'Z:%s' "$p"; }
cli() { "$wine" "$exe" "$@"; }
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
pass() { echo "PASS: $*"; }
# The report's status and message for a source path ending in $2.
row() { grep -F -- "$2," "$1" | head -1; }

# -- 1. A tree with names beyond ASCII and a path over 260 characters, verified ------------------
src="$tmp/src"
mkdir -p "$src/Fotos/2024" "$src/音乐"
deep="$src"
for i in 1 2 3 4 5 6; do deep="$deep/$(printf 'folder-%02d-%040d' "$i" 0)"; done
mkdir -p "$deep"
printf 'grinning' > "$src/Fotos/😀 smile.txt"
printf 'clef' > "$src/音乐/𝄞 clef.txt"
printf 'deep file' > "$deep/deep.txt"
head -c 3000000 /dev/urandom > "$src/Fotos/2024/big.bin"
: > "$src/empty"
dest="$tmp/dest"
out="$(cli --verify --report "$(win "$tmp/report1.csv")" "$(win "$src")" "$(win "$dest")" 2>&1)"
code=$?
longest=$(find "$dest" -name deep.txt | head -1)
if [ "$code" -ne 0 ]; then
    fail "tree copy exit $code: $out"
elif ! diff -r "$src" "$dest/src" >/dev/null; then
    fail "tree copy differs: $(diff -r "$src" "$dest/src" | head -5)"
elif [ "$(( ${#longest} - ${#tmp} ))" -lt 260 ]; then
    fail "the deep path is not over 260 characters"
else
    pass "tree with non-ASCII names and a path of $(( ${#longest} - ${#tmp} + 2 )) characters copied and verified"
fi
if find "$dest" -name '.ferry-*' | grep -q .; then fail "temporaries left: $(find "$dest" -name '.ferry-*')"; else pass "no temporaries left"; fi

# -- 2. Refused with exit 2 and a message naming the path -----------------------------------------
out="$(cli "$(win "$tmp/no-such-folder")" "$(win "$tmp/d2")" 2>&1)"
code=$?
if [ "$code" -eq 2 ] && grep -q "no-such-folder" <<<"$out"; then pass "missing source refused: $out"; else fail "missing source: exit $code: $out"; fi

# -- 3. Names Windows cannot store, and names differing only by case ------------------------------
names="$tmp/names"
mkdir -p "$names"
printf 'device' > "$names/CON.txt"
printf 'trailing' > "$names/trail."
printf 'upper' > "$names/README.TXT"
printf 'mixed' > "$names/Readme.txt"
printf 'fine' > "$names/fine.txt"
out="$(cli --report "$(win "$tmp/report3.csv")" "$(win "$names")" "$(win "$tmp/d3")" 2>&1)"
code=$?
[ "$code" -eq 1 ] || fail "names: expected exit 1 (some files failed), got $code: $out"
for n in CON.txt trail.; do
    r="$(row "$tmp/report3.csv" "/$n")"
    if grep -q '^failed,' <<<"$r" && grep -q "cannot store this name" <<<"$r"; then pass "$n refused: $r"; else fail "$n: $r"; fi
done
r="$(row "$tmp/report3.csv" "/Readme.txt")"
r2="$(row "$tmp/report3.csv" "/README.TXT")"
if grep -q '^failed,' <<<"$r"$'\n'"$r2" && grep -q "case-insensitive" <<<"$r$r2"; then pass "case twins: one fails and says why"; else fail "case twins: $r / $r2"; fi
[ "$(cat "$tmp/d3/names/fine.txt" 2>/dev/null)" = fine ] && pass "the other files copied" || fail "fine.txt not copied"
# With --fix-names every file is written, under a name the destination can store.
out="$(cli --fix-names --conflict rename "$(win "$names")" "$(win "$tmp/d3b")" 2>&1)"
code=$?
count=$(find "$tmp/d3b/names" -type f | wc -l)
if [ "$code" -eq 0 ] && [ "$count" -eq 5 ]; then pass "--fix-names wrote all 5 files: $(ls "$tmp/d3b/names" | tr '\n' ' ')"; else fail "--fix-names: exit $code, $count files: $out"; fi

# -- 4. Conflicts: never replaced unless asked; a read-only target replaced when asked -----------
c="$tmp/c"
mkdir -p "$c/src" "$c/dest/src"
printf 'new' > "$c/src/a.txt"
printf 'old' > "$c/dest/src/a.txt"
chmod 0444 "$c/dest/src/a.txt" # Wine shows it as read-only
cli "$(win "$c/src")" "$(win "$c/dest")" >/dev/null 2>&1
[ "$(cat "$c/dest/src/a.txt")" = old ] && pass "existing file kept by default" || fail "existing file replaced without --conflict overwrite"
out="$(cli --conflict overwrite "$(win "$c/src")" "$(win "$c/dest")" 2>&1)"
code=$?
if [ "$code" -eq 0 ] && [ "$(cat "$c/dest/src/a.txt")" = new ]; then pass "read-only target replaced with --conflict overwrite"; else fail "overwrite of a read-only target: exit $code: $out"; fi

# -- 5. The read-only attribute travels with the copy ---------------------------------------------
ro="$tmp/ro"
mkdir -p "$ro"
printf 'keep me' > "$ro/locked.txt"
chmod 0444 "$ro/locked.txt"
cli "$(win "$ro")" "$(win "$tmp/d5")" >/dev/null 2>&1
mode=$(stat -c %a "$tmp/d5/ro/locked.txt" 2>/dev/null)
if [ -n "$mode" ] && [ $((8#$mode & 8#222)) -eq 0 ]; then pass "read-only copy (mode $mode)"; else fail "read-only attribute lost (mode $mode)"; fi

# -- 6. Temporaries of a run that was killed are removed by the next ------------------------------
mkdir -p "$tmp/d6/ro"
printf 'partial' > "$tmp/d6/ro/.ferry-7ffffff0-0123456789abcdef.part"
cli "$(win "$ro")" "$(win "$tmp/d6")" >/dev/null 2>&1
if [ -e "$tmp/d6/ro/.ferry-7ffffff0-0123456789abcdef.part" ]; then fail "stale temporary left"; else pass "stale temporary removed"; fi

# -- 7. Ctrl-C: exit 130, nothing partial left ----------------------------------------------------
big="$tmp/big"
mkdir -p "$big"
head -c 40000000 /dev/zero > "$big/slow.bin"
"$wine" "$exe" --limit-rate 2M "$(win "$big")" "$(win "$tmp/d7")" >"$tmp/ctrlc.out" 2>&1 &
sleep 4
# Wine turns SIGINT of the Windows process into a console Ctrl-C event.
pkill -INT -f 'ferry-cli.exe' 
wait $!
code=$?
if [ "$code" -eq 130 ] && ! find "$tmp/d7" -name '.ferry-*' 2>/dev/null | grep -q . && [ ! -e "$tmp/d7/big/slow.bin" ]; then
    pass "Ctrl-C: exit 130, no temporary, no partial file"
else
    fail "Ctrl-C: exit $code, left: $(find "$tmp/d7" 2>/dev/null | tr '\n' ' ') $(cat "$tmp/ctrlc.out")"
fi

# -- 8. A short job with many threads ends cleanly, every time -----------------------------------
# Pool threads that end at exit once faulted in QThreadPool's teardown (thread_local objects with
# destructors under MinGW-w64), in about one run of five: ten runs.
mkdir -p "$tmp/few"
for n in 1 2 3 4 5; do printf 'file %s' "$n" > "$tmp/few/f$n.txt"; done
bad=0
for i in 1 2 3 4 5 6 7 8 9 10; do
    out="$(cli -j 16 "$(win "$tmp/few")" "$(win "$tmp/d8-$i")" 2>&1)"
    code=$?
    if [ "$code" -ne 0 ] || grep -q 'Unhandled' <<<"$out" || [ "$(cat "$tmp/d8-$i/few/f5.txt" 2>/dev/null)" != 'file 5' ]; then
        bad=$((bad + 1))
        last="run $i: exit $code: $(grep -m1 -E 'Unhandled|ferry-cli' <<<"$out")"
    fi
done
[ "$bad" -eq 0 ] && pass "ten runs with 16 threads: each exit 0, copied" || fail "$bad of ten runs with 16 threads failed; $last"

echo "$failures failed"
[ "$failures" -eq 0 ]
