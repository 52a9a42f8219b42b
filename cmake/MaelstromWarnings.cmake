# Every target of this project calls maelstrom_set_warnings(); consumers of the
# installed library never see these flags.
function(maelstrom_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                           -Wcast-align -Woverloaded-virtual)
  if(MAELSTROM_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
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
