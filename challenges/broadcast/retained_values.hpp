#pragma once
// The values of items this node may still have to send: those some peer has not yet
// acknowledged (as relay or origin) and its own items whose hub has not acknowledged
// them. Each such duty holds a reference; the value goes when the last one does, so the
// table holds what is in flight rather than everything the run ever broadcast (reads are
// answered from the ValueSet instead).
#include <boost/json.hpp>
#include <cstddef>
#include <cstdint>
#include <map>
#include <stdexcept>
#include <utility>

#include "item_id.hpp"

namespace broadcast {

namespace json = boost::json;

class RetainedValues {
  public:
    // Keeps the value, unreferenced, until the first acquire() or drop_if_unreferenced().
    void keep(const ItemId& id, const json::value& value) {
        entries_.try_emplace(id, Entry{value, 0});
    }

    void acquire(const ItemId& id) { entry(id).references += 1; }

    void release(const ItemId& id) {
        Entry& held = entry(id);
        if (held.references == 0) {
            throw std::logic_error("item " + id.origin + "/" + std::to_string(id.seq) +
                                   " released more often than acquired");
        }
        if (--held.references == 0) {
            entries_.erase(id);
        }
    }

    void drop_if_unreferenced(const ItemId& id) {
        const auto found = entries_.find(id);
        if (found != entries_.end() && found->second.references == 0) {
            entries_.erase(found);
        }
    }

    const json::value* find(const ItemId& id) const {
        const auto found = entries_.find(id);
        return found == entries_.end() ? nullptr : &found->second.value;
    }

    std::size_t size() const noexcept { return entries_.size(); }

  private:
    struct Entry {
        json::value value;
        std::uint32_t references = 0;
    };

    // A duty for an item whose value is gone would send nothing, so it is a bug worth a
    // loud failure rather than a silent loss.
    Entry& entry(const ItemId& id) {
        const auto found = entries_.find(id);
        if (found == entries_.end()) {
            throw std::logic_error("no value kept for item " + id.origin + "/" +
                                   std::to_string(id.seq));
        }
        return found->second;
    }

    std::map<ItemId, Entry> entries_;
};

}  // namespace broadcast
