# What CPack makes: a .deb (and an .rpm where rpmbuild is installed) on Linux, an NSIS installer and
# a portable .zip on Windows, a drag-and-drop .dmg on macOS. Included from the top-level
# CMakeLists.txt just before include(CPack).
set(CPACK_VERBATIM_VARIABLES ON)
set(CPACK_PACKAGE_NAME ferry)
set(CPACK_PACKAGE_VENDOR "The Ferry developers")
set(CPACK_PACKAGE_CONTACT "The Ferry developers")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION
    "Ferry copies files and folders into a destination folder, several files at once. Each file is \
written under a temporary name and put in place only once it is complete, and Ferry flushes \
everything to disk before it says it is done. It comes as a window, ferry, and a command-line \
tool, ferry-cli.")
set(CPACK_PACKAGE_INSTALL_DIRECTORY Ferry)
set(CPACK_PACKAGE_EXECUTABLES ferry Ferry) # the Start-menu entry
set(CPACK_PACKAGE_DIRECTORY ${PROJECT_BINARY_DIR}/packages)
set(CPACK_PACKAGE_CHECKSUM SHA256)
set(CPACK_STRIP_FILES ON)
set(CPACK_THREADS 0)

if(WIN32)
    set(CPACK_GENERATOR NSIS ZIP)
    set(CPACK_PACKAGE_FILE_NAME Ferry-${PROJECT_VERSION}-windows-x64)
    set(CPACK_PACKAGE_INSTALL_REGISTRY_KEY Ferry)
    set(CPACK_NSIS_PACKAGE_NAME Ferry)
    set(CPACK_NSIS_DISPLAY_NAME Ferry)
    set(CPACK_NSIS_INSTALL_ROOT "$PROGRAMFILES64")
    set(CPACK_NSIS_MUI_ICON ${CMAKE_CURRENT_LIST_DIR}/windows/ferry.ico)
    set(CPACK_NSIS_MUI_UNIICON ${CMAKE_CURRENT_LIST_DIR}/windows/ferry.ico)
    set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\ferry.exe")
    set(CPACK_NSIS_MUI_FINISHPAGE_RUN ferry.exe)
    set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
    if(CMAKE_CROSSCOMPILING)
        # Debian's NSIS has the 64-bit stubs (the official Windows build has only 32-bit ones): a
        # 64-bit installer for a 64-bit program, which a 64-bit-only Wine also runs.
        set(CPACK_NSIS_DEFINES "Target amd64-unicode")
    endif()
    # "Copy with Ferry" on folders in Explorer; SHCTX is HKLM or HKCU, as the installer's scope is.
    set(_ferry_folder_verb "Software\\Classes\\Directory\\shell\\Ferry")
    set(CPACK_NSIS_EXTRA_INSTALL_COMMANDS
        "WriteRegStr SHCTX '${_ferry_folder_verb}' '' 'Copy with Ferry'
  WriteRegStr SHCTX '${_ferry_folder_verb}' 'Icon' '$INSTDIR\\bin\\ferry.exe'
  WriteRegStr SHCTX '${_ferry_folder_verb}\\command' '' '\"$INSTDIR\\bin\\ferry.exe\" \"%1\"'")
    set(CPACK_NSIS_EXTRA_UNINSTALL_COMMANDS "DeleteRegKey SHCTX '${_ferry_folder_verb}'")
elseif(APPLE)
    set(CPACK_GENERATOR DragNDrop)
    set(CPACK_PACKAGE_FILE_NAME Ferry-${PROJECT_VERSION}-macos)
    set(CPACK_DMG_VOLUME_NAME Ferry)
    set(CPACK_PACKAGE_ICON ${CMAKE_CURRENT_LIST_DIR}/macos/ferry.icns)
else()
    set(CPACK_GENERATOR DEB)
    set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
    set(CPACK_DEBIAN_PACKAGE_SECTION utils)
    # The Qt libraries come from dpkg-shlibdeps; the platform plugins (xcb, wayland) are a package
    # of their own that no library pulls in.
    set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
    set(CPACK_DEBIAN_PACKAGE_DEPENDS qt6-qpa-plugins)
    set(CPACK_DEBIAN_PACKAGE_RECOMMENDS qt6-translations-l10n)
    set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

    find_program(FERRY_RPMBUILD rpmbuild)
    mark_as_advanced(FERRY_RPMBUILD)
    if(FERRY_RPMBUILD)
        list(APPEND CPACK_GENERATOR RPM)
        set(CPACK_RPM_FILE_NAME RPM-DEFAULT)
        set(CPACK_RPM_PACKAGE_DESCRIPTION "${CPACK_PACKAGE_DESCRIPTION}")
        set(CPACK_RPM_PACKAGE_GROUP "Applications/File")
        set(CPACK_RPM_PACKAGE_REQUIRES "hicolor-icon-theme")
        # The files are stripped already: no debuginfo package, no /usr/lib/.build-id links.
        set(CPACK_RPM_SPEC_MORE_DEFINE "%define debug_package %{nil}\n%define _build_id_links none")
        # Folders the system owns, not Ferry.
        set(CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
            /usr/share/applications /usr/share/metainfo /usr/share/man /usr/share/man/man1
            /usr/share/kio /usr/share/kio/servicemenus
            /usr/share/icons /usr/share/icons/hicolor
            /usr/share/icons/hicolor/scalable /usr/share/icons/hicolor/scalable/apps)
        foreach(_size IN ITEMS 16 24 32 48 64 128 256)
            list(APPEND CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
                /usr/share/icons/hicolor/${_size}x${_size} /usr/share/icons/hicolor/${_size}x${_size}/apps)
        endforeach()
    endif()
endif()
# include(CPack) reuses CPACK_GENERATOR for the source packages; the package tests read this copy.
set(FERRY_PACKAGE_GENERATORS ${CPACK_GENERATOR})
