#!/usr/bin/env bash
# Makes Ferry's Linux packages with cpack and checks them. ctest runs one check a test:
#   check-packages.sh build | deb_contents | deb_runs | desktop_files | man_pages | rpm
# packaging/CMakeLists.txt sets the environment: FERRY_BUILD_DIR, FERRY_PACKAGES_DIR,
# FERRY_GENERATORS, FERRY_VERSION, FERRY_APP_ID, FERRY_SOURCE_DIR, FERRY_CPACK, FERRY_PROGRAMS.
# Exits 77, which ctest reports as skipped, when a tool a check needs is not installed.
set -euo pipefail

check="${1:?usage: check-packages.sh CHECK}"
build="$FERRY_BUILD_DIR"
pkgdir="$FERRY_PACKAGES_DIR"
version="$FERRY_VERSION"
id="$FERRY_APP_ID"
export LC_ALL=C.UTF-8

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

need() {
    local tool
    for tool in "$@"; do
        if ! command -v "$tool" >/dev/null 2>&1; then
            echo "SKIP: $tool is not installed (scripts/setup-deps installs it)"
            exit 77
        fi
    done
}

scratch=$(mktemp -d "${TMPDIR:-/tmp}/ferry-package-check.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

# The files every package holds, relative to the prefix /usr, sorted.
expected_files() {
    {
        printf '%s\n' bin/ferry bin/ferry-cli \
            "share/applications/$id.desktop" \
            "share/metainfo/$id.metainfo.xml" \
            "share/kio/servicemenus/$id.copy.desktop" \
            "share/icons/hicolor/scalable/apps/$id.svg" \
            share/ferry/translations/ferry_zh_CN.qm \
            share/man/man1/ferry.1.gz share/man/man1/ferry-cli.1.gz
        local size
        for size in 16 24 32 48 64 128 256; do
            echo "share/icons/hicolor/${size}x${size}/apps/$id.png"
        done
    } | LC_ALL=C sort
}

the_deb() {
    local debs=("$pkgdir"/ferry_"$version"_*.deb)
    [ -f "${debs[0]}" ] || fail "no ferry_${version}_*.deb in $pkgdir"
    echo "${debs[0]}"
}

# Unpacks the .deb into $scratch/root, as dpkg would install it into /.
unpack_deb() {
    need dpkg-deb
    dpkg-deb -x "$(the_deb)" "$scratch/root"
    root="$scratch/root"
}

# What went into the packages: when none of it changed, the packages of the last run still hold.
inputs_fingerprint() {
    local programs
    IFS=, read -r -a programs <<<"$FERRY_PROGRAMS"
    {
        printf '%s\n' "$FERRY_GENERATORS"
        {
            find "${programs[@]}" "$build/CPackConfig.cmake" "$FERRY_SOURCE_DIR/packaging" \
                "$FERRY_SOURCE_DIR/resources" "$build/packaging" -type f
            find "$build" -path "$pkgdir" -prune -o \( -name cmake_install.cmake -o -name '*.qm' \) -print
        } | LC_ALL=C sort | xargs -d '\n' stat -c '%n %s %Y'
    } | sha256sum
}

check_build() {
    need dpkg-shlibdeps file
    local stamp="$pkgdir/.inputs" fingerprint
    fingerprint=$(inputs_fingerprint)
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$fingerprint" ] && the_deb >/dev/null 2>&1; then
        echo "packages are up to date:"
        ls -1 "$pkgdir"/ferry[_-]"$version"[_-]*.{deb,rpm} 2>/dev/null
        return 0
    fi
    rm -f "$stamp" "$pkgdir"/ferry[_-]*.deb* "$pkgdir"/ferry-*.rpm*
    (cd "$build" && "$FERRY_CPACK" --config CPackConfig.cmake) || fail "cpack failed"
    echo "$fingerprint" >"$stamp"
}

check_deb_contents() {
    need dpkg-deb dpkg
    local deb field
    deb=$(the_deb)
    [ "$(dpkg-deb -f "$deb" Package)" = ferry ] || fail "the package is not called ferry"
    [ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "the package's version is not $version"
    [ "$(dpkg-deb -f "$deb" Architecture)" = "$(dpkg --print-architecture)" ] ||
        fail "the package is not for $(dpkg --print-architecture)"

    # Files only: no Qt copied in, nothing outside /usr, nothing forgotten.
    dpkg-deb -c "$deb" | awk '$1 !~ /^d/ { sub(/^\.\/usr\//, "", $6); print $6 }' |
        LC_ALL=C sort >"$scratch/actual"
    expected_files >"$scratch/expected"
    diff -u "$scratch/expected" "$scratch/actual" || fail "the .deb holds other files than expected"

    # Dependencies from dpkg-shlibdeps: the system's Qt 6 and xxHash, never development packages.
    local depends
    depends=$(dpkg-deb -f "$deb" Depends)
    echo "Depends: $depends"
    local names
    names=$(sed 's/ *([^)]*)//g; s/ *| */\n/g; s/, */\n/g' <<<"$depends")
    for field in libc6 libstdc++6 libqt6core6 libqt6gui6 libqt6widgets6 libxxhash0 qt6-qpa-plugins; do
        grep -qxF "$field" <<<"$names" || fail "Depends does not name $field"
    done
    if grep -q -- '-dev$' <<<"$names"; then
        fail "Depends names a development package"
    fi

    # Stripped programs, and a mode for every file that the tools and the menu expect.
    unpack_deb
    local program
    for program in ferry ferry-cli; do
        file -b "$root/usr/bin/$program" | grep -q ', stripped' || fail "$program is not stripped"
        [ -x "$root/usr/bin/$program" ] || fail "$program is not executable"
    done
    if find "$root" -type f -perm /022 | grep -q .; then
        fail "files writable by group or others: $(find "$root" -type f -perm /022)"
    fi
}

check_deb_runs() {
    unpack_deb
    local cli="$root/usr/bin/ferry-cli" gui="$root/usr/bin/ferry" out
    export HOME="$scratch/home" XDG_CONFIG_HOME="$scratch/home/.config" XDG_RUNTIME_DIR="$scratch/run"
    mkdir -p "$HOME"
    mkdir -m 700 "$XDG_RUNTIME_DIR"

    out=$("$cli" --version) || fail "ferry-cli --version failed"
    [ "$out" = "ferry-cli $version" ] || fail "ferry-cli --version said '$out'"

    local src="$scratch/data/photos"
    mkdir -p "$src/2024 summer" "$scratch/dest-cli" "$scratch/dest-gui"
    printf 'a small file\n' >"$src/notes.txt"
    head -c 3000000 /dev/urandom >"$src/2024 summer/beach.raw"
    : >"$src/empty"
    ln -s notes.txt "$src/link"
    "$cli" --progress none --verify "$src" "$scratch/dest-cli" || fail "ferry-cli could not copy"
    diff -r --no-dereference "$src" "$scratch/dest-cli/photos" || fail "ferry-cli's copy differs"

    out=$(QT_QPA_PLATFORM=offscreen "$gui" --version) || fail "ferry --version failed"
    [ "$out" = "ferry $version" ] || fail "ferry --version said '$out'"
    QT_QPA_PLATFORM=offscreen timeout 120 "$gui" --start --quit-when-done "$src" "$scratch/dest-gui" ||
        fail "the window could not copy (exit status $?)"
    diff -r --no-dereference "$src" "$scratch/dest-gui/photos" || fail "the window's copy differs"
    echo "ferry-cli and ferry from the .deb run and copy"
}

check_desktop_files() {
    need desktop-file-validate appstreamcli
    unpack_deb
    local share="$root/usr/share" want
    local desktop="$share/applications/$id.desktop"
    desktop-file-validate "$desktop" || fail "desktop-file-validate: $desktop"
    # Type=Service is KDE's, which desktop-file-validate refuses: check the keys Dolphin reads.
    local menu="$share/kio/servicemenus/$id.copy.desktop"
    for want in "Type=Service" "MimeType=inode/directory;" "Actions=copy-with-ferry;" \
        "[Desktop Action copy-with-ferry]" "Exec=ferry %U" "Icon=$id"; do
        grep -qxF "$want" "$menu" || fail "the Dolphin service menu has no line '$want'"
    done
    appstreamcli validate --no-net --pedantic "$share/metainfo/$id.metainfo.xml" ||
        fail "appstreamcli validate: $id.metainfo.xml"

    # File managers offer "Open with Ferry" on folders, and the menu finds the program and the icon.
    local key
    for want in "Exec=ferry %U" "MimeType=inode/directory;" "Icon=$id" "TryExec=ferry"; do
        grep -qxF "$want" "$desktop" || fail "$id.desktop has no line '$want'"
    done
    [ -x "$root/usr/bin/ferry" ] || fail "the desktop file's program is not in the package"
    [ -f "$share/icons/hicolor/scalable/apps/$id.svg" ] || fail "no scalable icon named $id"
    for key in "<id>$id</id>" "<launchable type=\"desktop-id\">$id.desktop</launchable>" \
        "<release version=\"$version\""; do
        grep -qF "$key" "$share/metainfo/$id.metainfo.xml" || fail "the metainfo has no $key"
    done
}

# Every option and exit status of a program's --help is in its man page; man finds nothing to warn of.
check_man_page() {
    local program="$1" page="$root/usr/share/man/man1/$1.1.gz" text help option status
    text=$(zcat "$page" | sed 's/\\-/-/g')
    help=$(QT_QPA_PLATFORM=offscreen "$root/usr/bin/$program" --help)
    for option in $(grep -oE -- '(^|[ ,])-(-[a-z][a-z-]*|[a-zA-Z])\b' <<<"$help" | tr -d ' ,' | sort -u); do
        grep -qF -- "$option" <<<"$text" || fail "$program.1 does not describe $option"
    done
    local statuses
    statuses=$(tr '\n' ' ' <<<"$help" | sed -n 's/.*Exit status://p' | tr ';' '\n' |
        grep -oE '^ *[0-9]+' | tr -d ' ' || true)
    for status in $statuses; do
        sed -n '/^\.SH EXIT STATUS/,/^\.SH [^E]/p' <<<"$text" | grep -qx "\.B $status" ||
            fail "$program.1 does not describe exit status $status"
    done
    local warnings
    warnings=$(MANWIDTH=80 man --warnings -E UTF-8 -l "$page" 2>&1 >/dev/null) || fail "man could not read $program.1"
    [ -z "$warnings" ] || fail "man warns about $program.1: $warnings"
}

check_man_pages() {
    need man zcat
    unpack_deb
    check_man_page ferry-cli
    check_man_page ferry
    echo "the man pages describe every option and exit status"
}

check_rpm() {
    need rpm
    local rpms=("$pkgdir"/ferry-"$version"-*.rpm) rpmfile requires
    rpmfile="${rpms[0]}"
    [ -f "$rpmfile" ] || fail "no ferry-$version-*.rpm in $pkgdir"
    [ "$(rpm -qp --qf '%{NAME} %{VERSION}' "$rpmfile" 2>/dev/null)" = "ferry $version" ] ||
        fail "the .rpm is not ferry $version"
    rpm -qp --qf '[%{FILEMODES:perms} %{FILENAMES}\n]' "$rpmfile" 2>/dev/null |
        awk '$1 !~ /^d/ { sub(/^\/usr\//, "", $2); print $2 }' | LC_ALL=C sort >"$scratch/actual"
    expected_files >"$scratch/expected"
    diff -u "$scratch/expected" "$scratch/actual" || fail "the .rpm holds other files than expected"
    # Folders the system owns stay the system's.
    if rpm -qpl "$rpmfile" 2>/dev/null | grep -qxE '/usr(/share(/(applications|icons|man|metainfo))?)?'; then
        fail "the .rpm claims a system folder"
    fi
    requires=$(rpm -qpR "$rpmfile" 2>/dev/null)
    for lib in libQt6Core.so.6 libQt6Widgets.so.6 libxxhash.so.0; do
        grep -qF "$lib" <<<"$requires" || fail "the .rpm does not require $lib"
    done
    echo "the .rpm holds the same files and requires Qt 6 and xxHash"
}

case "$check" in
    build | deb_contents | deb_runs | desktop_files | man_pages | rpm) "check_$check" ;;
    *) fail "unknown check: $check" ;;
esac
