// Statements in main(), before anything is declared.
#include <maelstrom/maelstrom.hpp>

using namespace maelstrom;
using namespace std::chrono_literals;

int main() {
    // snippet
}
