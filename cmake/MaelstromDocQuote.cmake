# Build step of MaelstromDocSnippets: fails unless a documentation block that
# quotes a file equals that file. BLOCK holds the block without its first
# line; WHERE, MARKDOWN and LINES locate the block for the message.
file(READ "${BLOCK}" block)
file(READ "${FILE}" quoted)
if(NOT block STREQUAL quoted)
  message(FATAL_ERROR "${WHERE}: the block no longer equals ${FILE}; copy the file into the "
                      "block (after its first line). The difference:\n"
                      "  sed -n '${LINES}p' ${MARKDOWN} | diff - ${FILE}")
endif()
