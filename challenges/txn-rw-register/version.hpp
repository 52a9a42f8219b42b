#pragma once
// The version of a register write: the Lamport timestamp of the transaction
// that wrote it, ties broken by the writer's node index. Every replica keeps
// the write with the highest version, so replicas converge whatever order
// replicated transactions arrive in.
#include <boost/describe.hpp>
#include <compare>
#include <cstdint>

namespace txn {

struct Version {
    std::int64_t lamport = 0;
    std::int64_t node = 0;

    friend auto operator<=>(const Version&, const Version&) = default;
};
BOOST_DESCRIBE_STRUCT(Version, (), (lamport, node))

}  // namespace txn
