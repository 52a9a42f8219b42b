#include "network/loop_scheduling.hpp"

#include <gtest/gtest.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio.hpp>
#include <filesystem>

#include "network/node_process.hpp"
#include "scratch_dir.hpp"

namespace {

int policy_of(pid_t pid) {
    return ::sched_getscheduler(pid) & ~SCHED_RESET_ON_FORK;
}

int priority_of(pid_t pid) {
    sched_param param{};
    ::sched_getparam(pid, &param);
    return param.sched_priority;
}

// Real-time policies need root or CAP_SYS_NICE; without them these tests have nothing to
// observe. The fallback has its own test below, which runs everywhere.
bool may_use_realtime() {
    sched_param param{};
    param.sched_priority = ::sched_get_priority_min(SCHED_FIFO);
    if (::sched_setscheduler(0, SCHED_FIFO, &param) != 0) {
        return false;
    }
    param.sched_priority = 0;
    ::sched_setscheduler(0, SCHED_OTHER, &param);
    return true;
}

TEST(LoopScheduling, RaisesTheLoopToRealTimeWhileAliveAndUndoesItAfterwards) {
    if (!may_use_realtime()) {
        GTEST_SKIP() << "this process may not use a real-time policy";
    }
    ASSERT_EQ(policy_of(0), SCHED_OTHER);
    {
        const sim::LoopScheduling scheduling;
        EXPECT_EQ(scheduling.description(), "fifo");
        EXPECT_EQ(policy_of(0), SCHED_FIFO);
        EXPECT_EQ(priority_of(0), ::sched_get_priority_min(SCHED_FIFO));
    }
    EXPECT_EQ(policy_of(0), SCHED_OTHER);
    EXPECT_EQ(priority_of(0), 0);
}

TEST(LoopScheduling, NodesStartedMeanwhileRunUnderTheOrdinaryPolicy) {
    if (!may_use_realtime()) {
        GTEST_SKIP() << "this process may not use a real-time policy";
    }
    const sim::LoopScheduling scheduling;
    ASSERT_EQ(policy_of(0), SCHED_FIFO);
    boost::asio::io_context io;
    sim::NodeProcess node(io, "n0");
    const ScratchDir dir;
    node.start("/bin/sleep", {"30"}, dir.path(), dir / "node.log", [](const std::string&) {});
    ASSERT_GT(node.pid(), 0);
    EXPECT_EQ(::sched_getscheduler(node.pid()), SCHED_OTHER);
    node.kill();
}

TEST(LoopScheduling, LeavesARealTimePolicyTheUserChoseAlone) {
    sched_param chosen{};
    chosen.sched_priority = ::sched_get_priority_min(SCHED_RR) + 1;
    if (::sched_setscheduler(0, SCHED_RR, &chosen) != 0) {
        GTEST_SKIP() << "this process may not use a real-time policy";
    }
    {
        const sim::LoopScheduling scheduling;
        EXPECT_EQ(scheduling.description(), "rr (as started)");
        EXPECT_EQ(policy_of(0), SCHED_RR);
    }
    EXPECT_EQ(policy_of(0), SCHED_RR);
    EXPECT_EQ(priority_of(0), chosen.sched_priority);
    sched_param ordinary{};
    ::sched_setscheduler(0, SCHED_OTHER, &ordinary);
}

// Checked in a child that gives up the permission (no real-time budget, and no root), so
// the test process keeps its own.
TEST(LoopScheduling, WithoutPermissionTheLoopStaysOrdinaryAndSaysWhy) {
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        const rlimit none{0, 0};
        ::setrlimit(RLIMIT_RTPRIO, &none);
        if (::getuid() == 0 && ::setuid(65534) != 0) {
            ::_exit(3);
        }
        int failures = 0;
        {
            const sim::LoopScheduling scheduling;
            failures += scheduling.description().rfind("normal (", 0) == 0 ? 0 : 1;
            failures += policy_of(0) == SCHED_OTHER ? 0 : 1;
        }
        failures += policy_of(0) == SCHED_OTHER ? 0 : 1;
        ::_exit(failures == 0 ? 0 : 1);
    }
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0);
}

}  // namespace
