# Every target of this project calls maelstrom_set_warnings(); consumers of the
# installed library never see these flags.
function(maelstrom_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                           -Wcast-align -Woverloaded-virtual)
  if(MAELSTROM_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  # g++ 12 at -O3 reports overlapping copies inside libstdc++'s own string
  # concatenation (GCC bug 105329): a false positive in the standard headers.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(${target} PRIVATE $<$<CONFIG:Release>:-Wno-restrict>)
  endif()
endfunction()

if(MAELSTROM_SANITIZE)
  add_compile_options(-fsanitize=${MAELSTROM_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${MAELSTROM_SANITIZE})
  # g++ warns that TSan does not model the fences inside Boost.Asio's headers;
  # the warning is about those headers, not about project code.
  if(MAELSTROM_SANITIZE MATCHES "thread" AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    add_compile_options(-Wno-tsan)
  endif()
endif()
