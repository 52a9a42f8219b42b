#pragma once
// The list-append anomalies that need no dependency graph: they show in a
// single read, a single transaction, or one key's reads (after Elle's
// elle.list-append).
#include "checkers/elle_report.hpp"
#include "checkers/list_append_index.hpp"

namespace sim::elle {

// G1a (aborted read), G1b (intermediate read), garbage-read (an element no
// txn appended) and duplicate-elements, from each :ok read.
void find_read_anomalies(const AppendIndex& index, AnomalyLog& log);

// internal (a read that disagrees with the txn's own earlier reads and
// appends) and future-read (a read of an element the txn appends later).
void find_internal_anomalies(const AppendIndex& index, AnomalyLog& log);

// incompatible-order (two reads of a key that are not prefixes of one
// another) and dirty-update (a committed append right after failed ones in
// the version order).
void find_order_anomalies(const AppendIndex& index, AnomalyLog& log);

// lost-update: two :ok txns read the same value of a key and both appended.
void find_lost_updates(const AppendIndex& index, AnomalyLog& log);

}  // namespace sim::elle
