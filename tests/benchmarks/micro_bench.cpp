// Micro-benchmarks of the per-message path: parsing a line into a Message,
// dispatching work to the handler pool, and serializing a reply line.
#include <benchmark/benchmark.h>

#include <atomic>
#include <boost/json.hpp>
#include <maelstrom/maelstrom.hpp>
#include <string>
#include <thread>

#include "envelope.hpp"
#include "handler_pool.hpp"
#include "line_parser.hpp"

namespace {

namespace json = boost::json;

std::string echo_line(std::int64_t msg_id) {
    return json::serialize(
        json::object{{"src", "c1"},
                     {"dest", "n0"},
                     {"body", {{"type", "echo"}, {"msg_id", msg_id}, {"echo", "Please echo 42"}}}});
}

void BM_ParseLine(benchmark::State& state) {
    std::string lines;
    for (int i = 0; i < 1000; ++i) {
        lines += echo_line(i) + '\n';
    }
    std::int64_t parsed = 0;
    maelstrom::detail::LineParser parser(
        1024,
        [&](maelstrom::Message&& message, std::size_t) {
            benchmark::DoNotOptimize(message);
            ++parsed;
        },
        [](maelstrom::detail::MalformedEnvelope&&, std::size_t) {},
        [](const std::string&, std::size_t) {});
    for (auto _ : state) {
        parser.consume(lines.data(), lines.size());
    }
    state.SetItemsProcessed(parsed);
}
BENCHMARK(BM_ParseLine);

void BM_DispatchToPool(benchmark::State& state) {
    maelstrom::detail::HandlerPool pool(2, 2);
    pool.start();
    std::atomic<std::int64_t> done{0};
    std::int64_t submitted = 0;
    for (auto _ : state) {
        for (int i = 0; i < 1000; ++i) {
            pool.submit([&done] { done.fetch_add(1, std::memory_order_relaxed); });
        }
        submitted += 1000;
        while (done.load(std::memory_order_relaxed) < submitted) {
            std::this_thread::yield();
        }
    }
    state.SetItemsProcessed(submitted);
    pool.stop();
}
BENCHMARK(BM_DispatchToPool)->UseRealTime();

void BM_SerializeReply(benchmark::State& state) {
    std::string out;
    std::int64_t lines = 0;
    for (auto _ : state) {
        json::object body;
        body["type"] = "echo_ok";
        body["echo"] = "Please echo 42";
        body["in_reply_to"] = lines;
        out.clear();
        maelstrom::detail::append_line(out, "n0", "c1", std::move(body));
        benchmark::DoNotOptimize(out.data());
        ++lines;
    }
    state.SetItemsProcessed(lines);
}
BENCHMARK(BM_SerializeReply);

}  // namespace

BENCHMARK_MAIN();
