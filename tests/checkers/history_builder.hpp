#pragma once
// Hand-written histories for checker tests: values are given as JSON text so
// that a test reads like the history it describes.
#include <boost/json.hpp>
#include <optional>
#include <string>

#include "run/history.hpp"

namespace sim::testing {

class HistoryBuilder {
  public:
    HistoryBuilder& invoke(std::int64_t process, const std::string& f, const std::string& value) {
        return add(process, OpType::invoke, f, value, std::nullopt);
    }
    HistoryBuilder& ok(std::int64_t process, const std::string& f, const std::string& value) {
        return add(process, OpType::ok, f, value, std::nullopt);
    }
    HistoryBuilder& fail(std::int64_t process, const std::string& f, const std::string& value) {
        return add(process, OpType::fail, f, value, std::string(R"("txn-conflict")"));
    }
    HistoryBuilder& info(std::int64_t process, const std::string& f, const std::string& value) {
        return add(process, OpType::info, f, value, std::string(R"("net-timeout")"));
    }
    // An operation that completes before the next one starts.
    HistoryBuilder& op(std::int64_t process, const std::string& f, const std::string& invoke_value,
                       const std::string& ok_value) {
        invoke(process, f, invoke_value);
        return ok(process, f, ok_value);
    }
    const History& history() const { return history_; }

  private:
    HistoryBuilder& add(std::int64_t process, OpType type, const std::string& f,
                        const std::string& value, const std::optional<std::string>& error) {
        Op op;
        op.index = static_cast<std::int64_t>(history_.size());
        op.time_ns = op.index * 1'000'000;
        op.process = process;
        op.type = type;
        op.f = f;
        op.value = boost::json::parse(value);
        if (error) {
            op.error = boost::json::parse(*error);
        }
        history_.push_back(std::move(op));
        return *this;
    }

    History history_;
};

}  // namespace sim::testing
