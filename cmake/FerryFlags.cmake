# Every target of the project links ferry_flags: one place for warnings, Qt defines and sanitizers.
add_library(ferry_flags INTERFACE)
target_compile_options(ferry_flags INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
    -Wcast-align -Woverloaded-virtual -Wformat=2)
if(FERRY_WERROR)
    target_compile_options(ferry_flags INTERFACE -Werror)
endif()
target_compile_definitions(ferry_flags INTERFACE
    QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII QT_NO_CAST_FROM_BYTEARRAY QT_NO_URL_CAST_FROM_STRING
    QT_NO_KEYWORDS
    QT_DISABLE_DEPRECATED_BEFORE=0x060400
    _FILE_OFFSET_BITS=64 _GNU_SOURCE)
if(FERRY_SANITIZE)
    target_compile_options(ferry_flags INTERFACE -fsanitize=${FERRY_SANITIZE} -fno-omit-frame-pointer
        -fno-sanitize-recover=all -g)
    target_link_options(ferry_flags INTERFACE -fsanitize=${FERRY_SANITIZE})
endif()
