// Declarations at namespace scope. They get a namespace of their own, so that
// a synopsis may restate a library type; it then checks its syntax and the
// types it names, not that it matches the library.
#include <maelstrom/maelstrom.hpp>

using namespace maelstrom;
using namespace std::chrono_literals;

namespace snippet {
// snippet
}  // namespace snippet

int main() {}
