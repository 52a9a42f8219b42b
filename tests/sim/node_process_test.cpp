#include "network/node_process.hpp"

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <algorithm>
#include <boost/asio.hpp>
#include <cerrno>
#include <filesystem>

#include "scratch_dir.hpp"

namespace {

int nice_of(pid_t pid) {
    errno = 0;
    const int value = ::getpriority(PRIO_PROCESS, static_cast<id_t>(pid));
    EXPECT_EQ(errno, 0);
    return value;
}

TEST(NodeProcess, NodesRankBelowTheBenchInCpuScheduling) {
    boost::asio::io_context io;
    sim::NodeProcess node(io, "n0");
    const ScratchDir dir;
    node.start("/bin/sleep", {"30"}, dir.path(), dir / "node.log", [](const std::string&) {});
    ASSERT_GT(node.pid(), 0);
    const int own = nice_of(0);
    EXPECT_EQ(nice_of(node.pid()), std::min(own + 10, 19));
    EXPECT_EQ(nice_of(0), own);
    node.kill();
}

}  // namespace
