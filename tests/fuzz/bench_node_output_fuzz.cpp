// Feeds arbitrary bytes, split at newlines, to the bench's handling of one
// line a node printed on stdout (JSON parse, envelope check, hand-off to the
// network). That handling is a private member of sim::Runner; the explicit
// instantiation below is the standard's sanctioned way to name a private
// member, so the fuzzer exercises the bench's own code without changing it.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "run/runner.hpp"
#include "run/workload.hpp"

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
class BenchUnderTest {
  public:
    BenchUnderTest() {
        options_.workload = "echo";
        options_.nodes = {"n0"};
        sim::WorkloadOptions workload_options;
        workload_options.nodes = options_.nodes;
        workload_ = sim::WorkloadRegistry::instance().make("echo", workload_options);
        runner_ = std::make_unique<sim::Runner>(options_, *workload_, rngs_,
                                                std::filesystem::temp_directory_path());
        unmute_node();
        network().add("n0", [](const sim::Message&) {});
        network().add("c0", [](const sim::Message&) {});
    }

    void feed(const std::string& line) {
        // A protocol violation mutes the node; a fresh process object is unmuted.
        unmute_node();
        ((*runner_).*PrivateMember<OnNodeLine>::pointer)("n0", line);
        // Deliver what the line sent so that the network does not accumulate it.
        io().poll();
        io().restart();
        ((*runner_).*PrivateMember<Record>::pointer).problems.clear();
    }

  private:
    boost::asio::io_context& io() { return (*runner_).*PrivateMember<Io>::pointer; }
    sim::Network& network() { return *((*runner_).*PrivateMember<Net>::pointer); }
    void unmute_node() {
        ((*runner_).*PrivateMember<Nodes>::pointer)["n0"] =
            std::make_unique<sim::NodeProcess>(io(), "n0");
    }

    sim::Options options_;
    std::unique_ptr<sim::Workload> workload_;
    sim::RunRngs rngs_{1};
    std::unique_ptr<sim::Runner> runner_;
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
