#include <algorithm>
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

#include "checkers/history_util.hpp"
#include "checkers/workload_checkers.hpp"

namespace sim {
namespace {

struct Element {
    boost::json::value value;
    const Op* add_invoke = nullptr;
    const Op* add_ok = nullptr;
};

// Elements are identified by their JSON text, as in Maelstrom; integers, what every set
// workload adds, get a lookup of their own so that a read of tens of thousands of values
// need not serialize each one.
class ElementIds {
  public:
    // Returns the id of a new element, or nullopt if it is known already.
    std::optional<std::size_t> add(const boost::json::value& value) {
        const std::size_t next = size_;
        const bool inserted = as_integer(value)
                                  ? integers_.try_emplace(*as_integer(value), next).second
                                  : others_.try_emplace(boost::json::serialize(value), next).second;
        if (!inserted) {
            return std::nullopt;
        }
        ++size_;
        return next;
    }

    std::optional<std::size_t> find(const boost::json::value& value) const {
        if (const auto integer = as_integer(value)) {
            const auto it = integers_.find(*integer);
            return it == integers_.end() ? std::nullopt : std::optional(it->second);
        }
        const auto it = others_.find(boost::json::serialize(value));
        return it == others_.end() ? std::nullopt : std::optional(it->second);
    }

    std::size_t size() const { return size_; }

  private:
    // Both integer kinds serialize alike, so they are one element when equal.
    static std::optional<std::int64_t> as_integer(const boost::json::value& value) {
        if (value.is_int64()) {
            return value.get_int64();
        }
        if (value.is_uint64() && value.get_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
            return static_cast<std::int64_t>(value.get_uint64());
        }
        return std::nullopt;
    }

    std::unordered_map<std::int64_t, std::size_t> integers_;
    std::unordered_map<std::string, std::size_t> others_;
    std::size_t size_ = 0;
};

// Which known elements a read returned, one bit each: a long broadcast run holds tens of
// thousands of reads of tens of thousands of values, which as sets of strings would not fit
// in memory.
struct Read {
    const Op* invoke;
    const Op* completion;
    std::vector<std::uint64_t> present;

    bool contains(std::size_t element) const {
        return (present[element / 64] >> (element % 64) & 1U) != 0;
    }
};

enum class Outcome { stable, lost, never_read };

struct Verdict {
    Outcome outcome = Outcome::never_read;
    std::int64_t stable_latency_ms = 0;
    std::int64_t lost_latency_ms = 0;
    const Op* known = nullptr;
    const Op* last_absent = nullptr;
};

Verdict judge(const Element& element, std::size_t id, const std::vector<Read>& reads) {
    Verdict v;
    const Op* first_present_completion = nullptr;
    const Read* last_present = nullptr;
    const Read* last_absent = nullptr;
    for (const auto& read : reads) {
        if (read.completion->index < element.add_invoke->index) {
            continue;
        }
        const bool present = read.contains(id);
        if (present) {
            if (first_present_completion == nullptr ||
                read.completion->index < first_present_completion->index) {
                first_present_completion = read.completion;
            }
            if (last_present == nullptr || read.invoke->index > last_present->invoke->index) {
                last_present = &read;
            }
        } else if (last_absent == nullptr || read.invoke->index > last_absent->invoke->index) {
            last_absent = &read;
        }
    }
    v.known = element.add_ok;
    if (first_present_completion != nullptr &&
        (v.known == nullptr || first_present_completion->index < v.known->index)) {
        v.known = first_present_completion;
    }
    v.last_absent = last_absent != nullptr ? last_absent->invoke : nullptr;
    auto latency_after_known = [&](const Read* read) -> std::int64_t {
        if (read == nullptr || v.known == nullptr) {
            return 0;
        }
        const std::int64_t ns = read->invoke->time_ns + 1 - v.known->time_ns;
        return std::max<std::int64_t>(0, ns) / 1'000'000;
    };
    if (last_present != nullptr &&
        (last_absent == nullptr || last_absent->invoke->index < last_present->invoke->index)) {
        v.outcome = Outcome::stable;
        v.stable_latency_ms = latency_after_known(last_absent);
    } else if (v.known != nullptr && last_absent != nullptr &&
               (last_present == nullptr ||
                last_absent->invoke->index > last_present->invoke->index) &&
               last_absent->invoke->index > v.known->index) {
        v.outcome = Outcome::lost;
        v.lost_latency_ms = latency_after_known(last_present);
    }
    return v;
}

boost::json::value op_json(const Op* op) {
    if (op == nullptr) {
        return nullptr;
    }
    return boost::json::object{
        {"index", op->index},          {"time", op->time_ns}, {"process", op->process},
        {"type", to_string(op->type)}, {"f", op->f},          {"value", op->value}};
}

bool element_less(const boost::json::value& a, const boost::json::value& b) {
    if (a.is_number() && b.is_number()) {
        return a.to_number<double>() < b.to_number<double>();
    }
    return boost::json::serialize(a) < boost::json::serialize(b);
}

boost::json::array sorted_list(std::vector<boost::json::value> values) {
    std::sort(values.begin(), values.end(), element_less);
    return boost::json::array(values.begin(), values.end());
}

}  // namespace

CheckResult check_set_full(const History& history, const std::string& add_f) {
    ElementIds ids;
    std::vector<Element> elements;
    for (const auto& op : history) {
        if (op.f != add_f || !is_client_op(op)) {
            continue;
        }
        if (op.type == OpType::invoke) {
            if (ids.add(op.value)) {
                elements.push_back(Element{op.value, &op, nullptr});
            }
        } else if (op.type == OpType::ok) {
            const auto id = ids.find(op.value);
            if (id && elements[*id].add_ok == nullptr) {
                elements[*id].add_ok = &op;
            }
        }
    }
    std::vector<Read> reads;
    for (const auto& [invoke_index, completion_index] : pair_completions(history)) {
        const Op& invoke = history[static_cast<std::size_t>(invoke_index)];
        const Op& completion = history[static_cast<std::size_t>(completion_index)];
        if (!is_client_op(invoke) || invoke.f != "read" || completion.type != OpType::ok) {
            continue;
        }
        Read read{&invoke, &completion, std::vector<std::uint64_t>((elements.size() + 63) / 64)};
        if (completion.value.is_array()) {
            for (const auto& v : completion.value.get_array()) {
                if (const auto id = ids.find(v)) {
                    read.present[*id / 64] |= std::uint64_t{1} << (*id % 64);
                }
            }
        }
        reads.push_back(std::move(read));
    }
    std::vector<boost::json::value> stable, lost, never_read, stale;
    std::vector<std::int64_t> stable_latencies, lost_latencies;
    std::vector<std::pair<std::int64_t, boost::json::object>> worst;
    for (std::size_t id = 0; id < elements.size(); ++id) {
        const Element& element = elements[id];
        const Verdict v = judge(element, id, reads);
        if (v.outcome == Outcome::stable) {
            stable.push_back(element.value);
            stable_latencies.push_back(v.stable_latency_ms);
            if (v.stable_latency_ms > 0) {
                stale.push_back(element.value);
                worst.emplace_back(v.stable_latency_ms,
                                   boost::json::object{{"element", element.value},
                                                       {"outcome", "stable"},
                                                       {"stable-latency", v.stable_latency_ms},
                                                       {"known", op_json(v.known)},
                                                       {"last-absent", op_json(v.last_absent)}});
            }
        } else if (v.outcome == Outcome::lost) {
            lost.push_back(element.value);
            lost_latencies.push_back(v.lost_latency_ms);
        } else {
            never_read.push_back(element.value);
        }
    }
    std::stable_sort(worst.begin(), worst.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    boost::json::array worst_json;
    for (std::size_t i = 0; i < worst.size() && i < 8; ++i) {
        worst_json.push_back(worst[i].second);
    }
    CheckResult result;
    result.valid = !lost.empty()    ? Validity::invalid
                   : stable.empty() ? Validity::unknown
                                    : Validity::valid;
    boost::json::object r;
    r["valid?"] = result.valid == Validity::valid     ? boost::json::value(true)
                  : result.valid == Validity::invalid ? boost::json::value(false)
                                                      : boost::json::value("unknown");
    r["attempt-count"] = static_cast<std::int64_t>(elements.size());
    r["stable-count"] = static_cast<std::int64_t>(stable.size());
    r["lost-count"] = static_cast<std::int64_t>(lost.size());
    r["never-read-count"] = static_cast<std::int64_t>(never_read.size());
    r["stale-count"] = static_cast<std::int64_t>(stale.size());
    r["duplicated-count"] = 0;
    r["duplicated"] = boost::json::object{};
    r["lost"] = sorted_list(lost);
    r["never-read"] = sorted_list(never_read);
    r["stale"] = sorted_list(stale);
    r["worst-stale"] = std::move(worst_json);
    if (!stable_latencies.empty()) {
        r["stable-latencies"] = quantiles(stable_latencies);
    }
    if (!lost_latencies.empty()) {
        r["lost-latencies"] = quantiles(lost_latencies);
    }
    result.report = std::move(r);
    return result;
}

}  // namespace sim
