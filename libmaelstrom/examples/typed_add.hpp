// Typed bodies: a request read into a described struct, a reply written from
// one. Maelstrom's reply schemas are closed (an extra key makes the client's
// operation indeterminate), so the reply type holds exactly the reply's keys.
#pragma once
#include <maelstrom/maelstrom.hpp>

namespace typed_add {

struct Add {
    std::int64_t delta = 0;
};
BOOST_DESCRIBE_STRUCT(Add, (), (delta))

struct AddOk {
    std::string type = "add_ok";
};
BOOST_DESCRIBE_STRUCT(AddOk, (), (type))

inline void on_add(maelstrom::Node& node, const maelstrom::Message& request,
                   std::atomic<std::int64_t>& total) {
    // A missing or mistyped "delta" is answered with error 12 naming it.
    const auto add = request.body_as<Add>();
    total += add.delta;
    node.reply(request, AddOk{});
}

}  // namespace typed_add
