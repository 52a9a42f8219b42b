#pragma once
// The built-in services (services.md): lin-kv, seq-kv, lww-kv, lin-tso.
// Each handles one request at a time, in delivery order.
#include <array>
#include <boost/json.hpp>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "run/rng.hpp"

namespace sim {

// Keys compare by their JSON text, so 1, 1.0 and "1" are three keys.
using KvState = std::map<std::string, boost::json::value>;

struct KvOutcome {
    boost::json::object reply;    // read_ok / write_ok / cas_ok / error body
    std::optional<KvState> next;  // set when the request changed the state
};

// Throws std::invalid_argument for an unknown request type or missing fields
// (then the service sends nothing back, as Maelstrom's does).
KvOutcome apply_kv(const KvState& state, const boost::json::object& request,
                   bool honour_create_if_not_exists);

class Service {
  public:
    virtual ~Service() = default;
    // The reply body (without in_reply_to), or nullopt for no reply.
    virtual std::optional<boost::json::object> handle(const std::string& caller,
                                                      const boost::json::object& request) = 0;
};

class LinKv : public Service {
  public:
    std::optional<boost::json::object> handle(const std::string& caller,
                                              const boost::json::object& request) override;

  private:
    KvState state_;
};

// Sequentially consistent and stale-capable: a ring of the last 32 states and
// a per-caller cursor; each request runs on a random state between the
// caller's cursor and the newest.
class SeqKv : public Service {
  public:
    explicit SeqKv(Rng& rng);
    std::optional<boost::json::object> handle(const std::string& caller,
                                              const boost::json::object& request) override;

  private:
    static constexpr std::size_t kRing = 32;
    Rng& rng_;
    std::array<KvState, kRing> states_;
    std::int64_t last_index_ = 0;
    std::map<std::string, std::int64_t> cursor_;
};

// As Maelstrom actually implements it: two replicas that never converge, each
// request served by one at random.
class LwwKv : public Service {
  public:
    explicit LwwKv(Rng& rng) : rng_(rng) {}
    std::optional<boost::json::object> handle(const std::string& caller,
                                              const boost::json::object& request) override;

  private:
    Rng& rng_;
    std::array<KvState, 2> replicas_;
};

class LinTso : public Service {
  public:
    std::optional<boost::json::object> handle(const std::string& caller,
                                              const boost::json::object& request) override;

  private:
    std::int64_t next_ = 0;
};

// The four services by id.
std::map<std::string, std::unique_ptr<Service>> make_services(Rng& rng);

}  // namespace sim
