# FERRY_WINEPATH: where Wine finds the DLLs the cross-built programs need (Qt's, and the MinGW
# runtime's libstdc++, libgcc and libwinpthread), as Windows paths for the WINEPATH variable.
# FERRY_MINGW_RUNTIME_DLLS: those runtime DLLs, to install beside the programs.
get_target_property(_ferry_qtcore_dll Qt6::Core IMPORTED_LOCATION_RELEASE)
if(NOT _ferry_qtcore_dll)
    get_target_property(_ferry_qtcore_dll Qt6::Core IMPORTED_LOCATION)
endif()
get_filename_component(FERRY_QT_BIN_DIR "${_ferry_qtcore_dll}" DIRECTORY)
get_filename_component(FERRY_QT_PLUGIN_DIR "${FERRY_QT_BIN_DIR}/../plugins" ABSOLUTE)

set(FERRY_MINGW_RUNTIME_DLLS "")
set(_ferry_dll_dirs "${FERRY_QT_BIN_DIR}")
foreach(_dll libstdc++-6.dll libgcc_s_seh-1.dll libwinpthread-1.dll)
    execute_process(COMMAND ${CMAKE_CXX_COMPILER} -print-file-name=${_dll}
                    OUTPUT_VARIABLE _path OUTPUT_STRIP_TRAILING_WHITESPACE)
    if(NOT IS_ABSOLUTE "${_path}")
        find_file(_found_${_dll} ${_dll} PATHS /usr/x86_64-w64-mingw32/lib NO_CMAKE_FIND_ROOT_PATH NO_DEFAULT_PATH)
        set(_path "${_found_${_dll}}")
    endif()
    if(NOT EXISTS "${_path}")
        message(FATAL_ERROR "The MinGW runtime ${_dll} was not found")
    endif()
    list(APPEND FERRY_MINGW_RUNTIME_DLLS "${_path}")
    get_filename_component(_dir "${_path}" DIRECTORY)
    list(APPEND _ferry_dll_dirs "${_dir}")
endforeach()
list(REMOVE_DUPLICATES _ferry_dll_dirs)

set(FERRY_WINEPATH "")
foreach(_dir IN LISTS _ferry_dll_dirs)
    string(REPLACE "/" "\\\\" _win "Z:${_dir}")
    list(APPEND FERRY_WINEPATH "${_win}")
endforeach()
# One value for the environment: ';' inside it must not split a CMake list.
string(REPLACE ";" "\\;" FERRY_WINEPATH "${FERRY_WINEPATH}")
