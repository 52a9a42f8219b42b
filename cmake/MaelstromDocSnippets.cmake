# Compiles the ```cpp blocks of Markdown files, so that the documentation
# cannot show code the library does not accept. The conventions a block must
# follow are in tests/docs/CMakeLists.txt.

function(_maelstrom_count_lines text out)
  string(REGEX REPLACE "[^\n]" "" newlines "${text}")
  string(LENGTH "${newlines}" n)
  set(${out} ${n} PARENT_SCOPE)
endfunction()

# Rewriting an unchanged source would rebuild its block on every configure.
function(_maelstrom_write_if_changed path content)
  if(EXISTS "${path}")
    file(READ "${path}" old)
    if(old STREQUAL content)
      return()
    endif()
  endif()
  file(WRITE "${path}" "${content}")
endfunction()

# A C++ block the extraction would skip must not pass for a checked one.
function(_maelstrom_check_fences rel text)
  string(REGEX MATCHALL "\n[ \t]*```[^\n]*" fence_lines "\n${text}")
  foreach(fence_line IN LISTS fence_lines)
    string(SUBSTRING "${fence_line}" 1 -1 fence_line)
    if(fence_line MATCHES "```[ \t]*(cpp|c\\+\\+|C\\+\\+|cxx|cc|hpp)" AND
       NOT fence_line STREQUAL "```cpp")
      string(FIND "\n${text}" "\n${fence_line}" at)
      string(SUBSTRING "${text}" 0 ${at} before)
      _maelstrom_count_lines("${before}" line)
      math(EXPR line "${line} + 1")
      message(FATAL_ERROR "${rel}:${line}: \"${fence_line}\": fence C++ blocks with exactly "
                          "```cpp at the start of a line, so that the build compiles them")
    endif()
  endforeach()
endfunction()

# Finds the next ```cpp block in `rest` (which starts with a newline ending
# line number `line`) and sets fence (its line number), previous (the line
# above it), block (its text) and block_lines; advances rest and line past it.
macro(_maelstrom_next_block)
  string(FIND "${rest}" "\n```cpp\n" at)
  set(fence 0)
  if(at GREATER -1)
    string(SUBSTRING "${rest}" 0 ${at} before)
    _maelstrom_count_lines("${before}" skipped)
    math(EXPR fence "${line} + ${skipped} + 1")
    string(FIND "${before}" "\n" previous_start REVERSE)
    math(EXPR previous_start "${previous_start} + 1")
    string(SUBSTRING "${before}" ${previous_start} -1 previous)

    math(EXPR start "${at} + 7")
    string(SUBSTRING "${rest}" ${start} -1 rest)
    string(FIND "${rest}" "\n```" close)
    if(close EQUAL -1)
      message(FATAL_ERROR "${rel}:${fence}: the ```cpp block is never closed")
    endif()
    set(block "")
    set(block_lines 0)
    if(close GREATER 0)
      math(EXPR length "${close} - 1")
      string(SUBSTRING "${rest}" 1 ${length} block)
      _maelstrom_count_lines("${block}" block_lines)
      math(EXPR block_lines "${block_lines} + 1")
    endif()
    math(EXPR close "${close} + 4")
    string(SUBSTRING "${rest}" ${close} -1 rest)
    math(EXPR line "${fence} + ${block_lines} + 1")
  endif()
endmacro()

# A quote is checked when the build runs, so that editing the quoted file
# fails the build rather than the configure. Sets `stamp` to the check's output.
function(_maelstrom_add_quote name rel md fence block block_lines root quoted_rel)
  set(quoted "${root}/${quoted_rel}")
  if(NOT EXISTS "${quoted}")
    message(FATAL_ERROR "${rel}:${fence}: the block quotes ${quoted_rel}, which does not exist")
  endif()
  string(FIND "${block}\n" "\n" first_end)
  math(EXPR first_end "${first_end} + 1")
  string(SUBSTRING "${block}\n" ${first_end} -1 body)
  set(dir "${CMAKE_CURRENT_BINARY_DIR}/blocks")
  _maelstrom_write_if_changed("${dir}/${name}.quote" "${body}")
  math(EXPR body_first "${fence} + 2")
  math(EXPR body_last "${fence} + ${block_lines}")
  add_custom_command(
    OUTPUT "${dir}/${name}.ok"
    COMMAND "${CMAKE_COMMAND}" "-DBLOCK=${dir}/${name}.quote" "-DFILE=${quoted}"
            "-DWHERE=${rel}:${fence}" "-DMARKDOWN=${md}" "-DLINES=${body_first},${body_last}"
            -P "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/MaelstromDocQuote.cmake"
    COMMAND "${CMAKE_COMMAND}" -E touch "${dir}/${name}.ok"
    DEPENDS "${dir}/${name}.quote" "${quoted}"
            "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/MaelstromDocQuote.cmake"
    COMMENT "Checking that ${rel}:${fence} quotes ${quoted_rel}"
    VERBATIM)
  set(stamp "${dir}/${name}.ok" PARENT_SCOPE)
endfunction()

# Puts `block` (from md, starting at line `first`) where the line
# "// snippet" of `context` stands, and sets `source`.
function(_maelstrom_wrap context md first block)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${context}")
  file(READ "${context}" wrapper)
  if(NOT wrapper MATCHES "^(.*\n)[ ]*// snippet\n(.*)$")
    message(FATAL_ERROR "${context} has no line \"// snippet\" to put blocks at")
  endif()
  set(prefix "${CMAKE_MATCH_1}")
  set(suffix "${CMAKE_MATCH_2}")
  _maelstrom_count_lines("${prefix}" prefix_lines)
  math(EXPR after_marker "${prefix_lines} + 2")
  # #line makes compilers report errors at the block's own line in the .md file.
  string(CONCAT source "${prefix}" "#line ${first} \"${md}\"\n${block}\n"
                       "#line ${after_marker} \"${context}\"\n" "${suffix}")
  set(source "${source}" PARENT_SCOPE)
endfunction()

# maelstrom_doc_snippets(<target> ROOT <dir> CONTEXTS <dir> FILES <file.md>...)
# Adds an executable per whole program and per fragment, a check per quote,
# and <target>, which depends on all of them. Sets <target>_COUNT to the
# number of blocks found.
function(maelstrom_doc_snippets target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "ROOT;CONTEXTS" "FILES")
  set(quotes 0)
  set(programs 0)
  set(fragments 0)
  set(contexts "")
  set(stamps "")
  set(executables "")

  foreach(md IN LISTS arg_FILES)
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${md}")
    file(RELATIVE_PATH rel "${arg_ROOT}" "${md}")
    string(MAKE_C_IDENTIFIER "${rel}" slug)
    file(READ "${md}" text)
    _maelstrom_check_fences("${rel}" "${text}")

    set(rest "\n${text}")
    set(line 0)
    while(TRUE)
      _maelstrom_next_block()
      if(fence EQUAL 0)
        break()
      endif()
      set(name "doc_${slug}_${fence}")
      math(EXPR first "${fence} + 1")
      string(REGEX MATCH "^// ([A-Za-z0-9_./-]+\\.[A-Za-z]+)\n" path_line "${block}\n")
      if(path_line)
        _maelstrom_add_quote(${name} "${rel}" "${md}" ${fence} "${block}" ${block_lines}
                             "${arg_ROOT}" "${CMAKE_MATCH_1}")
        list(APPEND stamps "${stamp}")
        math(EXPR quotes "${quotes} + 1")
        continue()
      elseif(previous MATCHES "^<!-- snippet: ([A-Za-z_]+) -->$")
        set(context ${CMAKE_MATCH_1})
        if(NOT EXISTS "${arg_CONTEXTS}/${context}.cpp")
          message(FATAL_ERROR "${rel}:${fence}: there is no ${arg_CONTEXTS}/${context}.cpp")
        endif()
        _maelstrom_wrap("${arg_CONTEXTS}/${context}.cpp" "${md}" ${first} "${block}")
        if(NOT DEFINED in_${context})
          list(APPEND contexts ${context})
          set(in_${context} 0)
        endif()
        math(EXPR in_${context} "${in_${context}} + 1")
        math(EXPR fragments "${fragments} + 1")
      elseif(block MATCHES "int main\\(")
        set(source "#line ${first} \"${md}\"\n${block}\n")
        math(EXPR programs "${programs} + 1")
      else()
        message(FATAL_ERROR
                "${rel}:${fence}: this ```cpp block would not be compiled: quote a file (first "
                "line \"// path/in/the/repo\"), write a whole program (with int main()), or put "
                "\"<!-- snippet: CONTEXT -->\" on the line above it (see "
                "tests/docs/CMakeLists.txt)")
      endif()
      _maelstrom_write_if_changed("${CMAKE_CURRENT_BINARY_DIR}/blocks/${name}.cpp" "${source}")
      add_executable(${name} "${CMAKE_CURRENT_BINARY_DIR}/blocks/${name}.cpp")
      target_link_libraries(${name} PRIVATE maelstrom::maelstrom)
      maelstrom_set_warnings(${name})
      # Behind #line, g++ takes the block for header code, whose lambdas inside
      # coroutine frames it reports as a possible ODR problem; the block is only
      # ever compiled in this one file.
      if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
        target_compile_options(${name} PRIVATE -Wno-subobject-linkage)
      endif()
      list(APPEND executables ${name})
    endwhile()
  endforeach()

  add_custom_target(${target} ALL DEPENDS ${stamps})
  if(executables)
    add_dependencies(${target} ${executables})
  endif()

  set(by_context "")
  foreach(context IN LISTS contexts)
    list(APPEND by_context "${in_${context}} ${context}")
  endforeach()
  list(JOIN by_context ", " by_context)
  math(EXPR total "${quotes} + ${programs} + ${fragments}")
  message(STATUS "Documentation C++ blocks checked: ${quotes} quotes, ${programs} programs, "
                 "${fragments} fragments (${by_context}); ${total} in all")
  set(${target}_COUNT ${total} PARENT_SCOPE)
endfunction()
