#pragma once
// Minimal line-based Maelstrom node plumbing for the deliberately broken test
// nodes (standalone on purpose: they must not depend on the library under test).
#include <boost/json.hpp>
#include <iostream>
#include <string>

namespace broken {

inline void send(const std::string& src, const std::string& dest, boost::json::object body) {
    boost::json::object envelope{{"src", src}, {"dest", dest}, {"body", std::move(body)}};
    std::cout << boost::json::serialize(envelope) << '\n' << std::flush;
}

inline void reply(const boost::json::object& request, boost::json::object body) {
    body["in_reply_to"] = request.at("body").at("msg_id");
    send(std::string(request.at("dest").as_string()), std::string(request.at("src").as_string()),
         std::move(body));
}

inline std::string type_of(const boost::json::object& message) {
    return std::string(message.at("body").at("type").as_string());
}

}  // namespace broken
