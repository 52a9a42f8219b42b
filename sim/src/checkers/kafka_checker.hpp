#pragma once
// The kafka workload's checker: Jepsen's kafka checker (subscribe mode off)
// over send/poll/assign/crash histories, plus checks of the committed offsets
// that kafka clients record when they assign keys.
#include "run/history.hpp"

namespace sim {

// Anomaly types that do not invalidate a run (Jepsen allows them too).
inline constexpr const char* kKafkaBenignErrorTypes[] = {"int-send-skip"};

CheckResult check_kafka(const History& history);

}  // namespace sim
