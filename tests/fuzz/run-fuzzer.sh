#!/bin/sh
# Builds one libFuzzer target with clang (when a source is newer than the binary) and runs it for
# a bounded time over its seed corpus. Exits 77 (skipped) when there is no clang with libFuzzer.
#   run-fuzzer.sh CXX BINARY SECONDS SEED SEEDS WORKDIR -- COMPILE_ARGS... SOURCES...
# SEED is libFuzzer's random seed (0: a new one each run); SEEDS the folder of seed inputs.
set -u
cxx=$1 bin=$2 seconds=$3 seed=$4 seeds=$5 work=$6
shift 6
[ "${1:-}" = "--" ] && shift

if [ -z "$cxx" ] || ! command -v "$cxx" >/dev/null 2>&1; then
    echo "skipped: no clang++ found (libFuzzer needs clang)"
    exit 77
fi
mkdir -p "$work/corpus" || exit 1

rebuild=0
[ -x "$bin" ] || rebuild=1
for a in "$@"; do
    case "$a" in
        -*) ;;
        *)
            if [ -f "$a" ]; then
                [ "$a" -nt "$bin" ] && rebuild=1
                # The headers beside each source.
                if [ -n "$(find "$(dirname "$a")" -maxdepth 1 -name '*.h' -newer "$bin" 2>/dev/null | head -n 1)" ]; then
                    rebuild=1
                fi
            fi ;;
    esac
done
if [ "$rebuild" -eq 1 ]; then
    echo "building $bin with $cxx"
    if ! "$cxx" -std=c++17 -g -O1 -fPIC -fno-omit-frame-pointer \
        -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
        "$@" -o "$bin.new"; then
        probe="$work/probe.cpp"
        printf 'extern "C" int LLVMFuzzerTestOneInput(const unsigned char *, unsigned long) { return 0; }\n' > "$probe"
        if ! "$cxx" -fsanitize=fuzzer "$probe" -o "$work/probe" >/dev/null 2>&1; then
            echo "skipped: $cxx cannot build with -fsanitize=fuzzer (is libFuzzer, e.g. libclang-rt-dev, installed?)"
            exit 77
        fi
        echo "building the fuzzer failed"
        exit 1
    fi
    mv "$bin.new" "$bin" || exit 1
fi

# A crash, a sanitizer report, a hang (-timeout) or a leak fails the test; the input that did it
# is kept in WORKDIR. (libFuzzer's own exit code for a finding is 77, which CTest would take for
# "skipped": it is 1 here.)
exec "$bin" -seed="$seed" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=4096 -error_exitcode=1 \
    -print_final_stats=1 -artifact_prefix="$work/" "$work/corpus" "$seeds"
