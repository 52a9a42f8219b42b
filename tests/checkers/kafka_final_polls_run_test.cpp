// The bench's final phase paces each thread's kafka polls as Maelstrom does (a uniform
// [0, 0.4) s apart, cut off after 10 s) when the clients never catch up. Runs the bench on
// a node whose polls never return a message and reads the history it wrote.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "scratch_dir.hpp"

namespace {

namespace json = boost::json;

constexpr int kConcurrency = 4;

TEST(KafkaFinalPolls, EachThreadPollsAboutFiveTimesASecondUntilTheCutOff) {
    const ScratchDir store;
    const std::string command = std::string("'") + MAELSTROM_SIM + "' test -w kafka --bin '" +
                                KAFKA_FORGETFUL_NODE + "' --store '" + store.path().string() +
                                "' --node-count 1 --concurrency " + std::to_string(kConcurrency) +
                                " --time-limit 2 --rate 100 --recovery-time 1 --seed 7"
                                " > '" +
                                (store / "bench.out").string() + "' 2>&1";
    const int status = std::system(command.c_str());
    ASSERT_TRUE(WIFEXITED(status)) << command;
    // Every acknowledged message is unseen, so the run is invalid; 2 would mean it could not
    // run at all.
    ASSERT_EQ(WEXITSTATUS(status), 1) << command;

    std::ifstream in(store / "latest" / "history.json");
    std::stringstream text;
    text << in.rdbuf();
    const json::array history = json::parse(text.str()).as_array();
    // A thread's final phase begins with its last crash.
    std::map<std::int64_t, std::size_t> last_crash;
    for (std::size_t i = 0; i < history.size(); ++i) {
        const json::object& op = history[i].as_object();
        if (op.at("f") == "crash" && op.at("type") == "invoke") {
            last_crash[op.at("process").to_number<std::int64_t>() % kConcurrency] = i;
        }
    }
    ASSERT_EQ(last_crash.size(), static_cast<std::size_t>(kConcurrency));
    for (const auto& [thread, from] : last_crash) {
        std::size_t polls = 0;
        std::int64_t first_ns = 0;
        std::int64_t last_ns = 0;
        for (std::size_t i = from; i < history.size(); ++i) {
            const json::object& op = history[i].as_object();
            if (op.at("f") == "poll" && op.at("type") == "invoke" &&
                op.at("process").to_number<std::int64_t>() % kConcurrency == thread) {
                last_ns = op.at("time").to_number<std::int64_t>();
                first_ns = polls++ == 0 ? last_ns : first_ns;
            }
        }
        // About 50, spread over nearly the whole 10 s: a poll never starts before it is due,
        // and the phase ends once the next one would be due after 10 s.
        EXPECT_GE(polls, 20u) << "thread " << thread;
        EXPECT_LE(polls, 100u) << "thread " << thread;
        EXPECT_GE(last_ns - first_ns, 5'000'000'000) << "thread " << thread;
    }
}

}  // namespace
