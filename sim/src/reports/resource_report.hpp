#pragma once
// The per-node resource samples of a run as resources.csv and as the compact
// :resources section of the results.
#include <boost/json.hpp>
#include <ostream>
#include <vector>

#include "run/run_record.hpp"

namespace sim {

// time_s,node,rss_kib,fds,pending_rpcs; an unknown figure is an empty field.
void write_resources_csv(std::ostream& out, const std::vector<ResourceSample>& samples);
void write_resources_csv_header(std::ostream& out);
void write_resources_csv_row(std::ostream& out, const ResourceSample& sample);

// Per node the first, last and largest known figure, then across nodes
// {:min :median :max} of those (median: element n/2 of the sorted values).
// :pending-rpcs is nil when no node wrote a stats line.
boost::json::object resources_summary(const std::vector<ResourceSample>& samples);

}  // namespace sim
