#include "checkers/elle_verdict.hpp"

#include "checkers/elle_models.hpp"

namespace sim::elle {
namespace {

namespace json = boost::json;

template <typename Strings>
json::array to_array(const Strings& values) {
    json::array out;
    for (const auto& v : values) {
        out.push_back(json::value(v));
    }
    return out;
}

}  // namespace

CheckResult elle_verdict(const AnomalyLog& anomalies, const AnomalyLog& errors,
                         const std::vector<std::string>& consistency_models,
                         const VerdictPolicy& policy) {
    std::set<std::string> prohibited;
    json::array unknown_models;
    for (const auto& model : consistency_models) {
        if (auto set = prohibited_anomalies(model)) {
            prohibited.insert(set->begin(), set->end());
        } else {
            unknown_models.push_back(json::value(model));
        }
    }
    std::set<std::string> found;
    std::set<std::string> reportable;
    std::set<std::string> allowed;
    bool bad = false;
    for (const auto& [type, entry] : anomalies.entries()) {
        found.insert(type);
        const bool is_prohibited = prohibited.count(type) != 0;
        const bool is_unknown = policy.unknown_types.count(type) != 0;
        bad = bad || is_prohibited || (is_unknown && policy.unknown_types_invalid);
        (is_prohibited || is_unknown ? reportable : allowed).insert(type);
    }

    CheckResult result;
    json::object report;
    if (bad) {
        result.valid = Validity::invalid;
    } else if (!reportable.empty() || !errors.empty() || !unknown_models.empty()) {
        result.valid = Validity::unknown;
    }
    if (!found.empty()) {
        json::object cases;
        json::object counts;
        for (const auto& [type, entry] : anomalies.entries()) {
            cases[type] = entry.examples;
            counts[type] = entry.count;
        }
        const auto ruled_out = ruled_out_models(found);
        report["anomaly-types"] = to_array(reportable);
        report["allowed-anomaly-types"] = to_array(allowed);
        report["anomalies"] = std::move(cases);
        report["anomaly-counts"] = std::move(counts);
        report["not"] = to_array(ruled_out.weakest);
        report["also-not"] = to_array(ruled_out.stronger);
    }
    if (!errors.empty()) {
        json::object errs;
        for (const auto& [type, entry] : errors.entries()) {
            errs[type] = json::object{{"count", entry.count}, {"errs", entry.examples}};
        }
        report["errors"] = std::move(errs);
    }
    if (!unknown_models.empty()) {
        report["unknown-consistency-models"] = std::move(unknown_models);
        report["known-consistency-models"] = to_array(known_models());
    }
    report["valid?"] = result.valid == Validity::valid     ? json::value(true)
                       : result.valid == Validity::invalid ? json::value(false)
                                                           : json::value("unknown");
    result.report = std::move(report);
    return result;
}

}  // namespace sim::elle
