// Feeds arbitrary bytes, split at newlines, to the bench's handling of one
// line a node printed on stdout (JSON parse, envelope check, hand-off to the
// network). That handling is a private member of sim::Runner; the explicit
// instantiation below is the standard's sanctioned way to name a private
// member, so the fuzzer exercises the bench's own code without changing it.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "runner.hpp"
#include "workload.hpp"

namespace {

template <class Tag>
struct PrivateMember {
    static inline typename Tag::type pointer = nullptr;
};

template <class Tag, typename Tag::type Pointer>
struct ExposePrivate {
    static inline const bool registered = (PrivateMember<Tag>::pointer = Pointer, true);
};

struct OnNodeLine {
    using type = void (sim::Runner::*)(const std::string&, const std::string&);
};
struct Nodes {
    using type = std::map<std::string, std::unique_ptr<sim::NodeProcess>> sim::Runner::*;
};
struct Net {
    using type = std::unique_ptr<sim::Network> sim::Runner::*;
};
struct Io {
    using type = boost::asio::io_context sim::Runner::*;
};
struct Record {
    using type = sim::RunRecord sim::Runner::*;
};

template struct ExposePrivate<OnNodeLine, &sim::Runner::on_node_line>;
template struct ExposePrivate<Nodes, &sim::Runner::nodes_>;
template struct ExposePrivate<Net, &sim::Runner::net_>;
template struct ExposePrivate<Io, &sim::Runner::io_>;
template struct ExposePrivate<Record, &sim::Runner::record_>;

// A runner whose network knows one node n0 (never started) and one client c0,
// so that well-formed lines travel the whole path into the network.
struct BenchUnderTest {
    sim::Options options;
    std::unique_ptr<sim::Workload> workload;
    sim::Rng rng{1};
    std::unique_ptr<sim::Runner> runner;

    BenchUnderTest() {
        options.workload = "echo";
        options.nodes = {"n0"};
        sim::WorkloadOptions workload_options;
        workload_options.nodes = options.nodes;
        workload = sim::WorkloadRegistry::instance().make("echo", workload_options);
        runner = std::make_unique<sim::Runner>(options, *workload, rng,
                                               std::filesystem::temp_directory_path());
        auto& io = (*runner).*PrivateMember<Io>::pointer;
        auto& net = *((*runner).*PrivateMember<Net>::pointer);
        ((*runner).*PrivateMember<Nodes>::pointer)["n0"] =
            std::make_unique<sim::NodeProcess>(io, "n0");
        net.add("n0", [](const sim::Message&) {});
        net.add("c0", [](const sim::Message&) {});
    }

    void feed(const std::string& line) {
        auto& nodes = (*runner).*PrivateMember<Nodes>::pointer;
        // A protocol violation mutes the node; unmute so every line is read.
        auto& node = nodes["n0"];
        node = std::make_unique<sim::NodeProcess>((*runner).*PrivateMember<Io>::pointer, "n0");
        ((*runner).*PrivateMember<OnNodeLine>::pointer)("n0", line);
        ((*runner).*PrivateMember<Io>::pointer).poll();
        ((*runner).*PrivateMember<Io>::pointer).restart();
        ((*runner).*PrivateMember<Record>::pointer).problems.clear();
    }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static BenchUnderTest bench;
    std::string_view rest(reinterpret_cast<const char*>(data), size);
    while (!rest.empty()) {
        const auto newline = rest.find('\n');
        bench.feed(std::string(rest.substr(0, newline)));
        if (newline == std::string_view::npos) {
            break;
        }
        rest.remove_prefix(newline + 1);
    }
    return 0;
}
