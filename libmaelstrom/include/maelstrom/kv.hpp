#pragma once
// Clients of Maelstrom's key-value services (services.md): lin-kv, seq-kv and
// lww-kv. Every operation exists as async_<op>(..., token) (callback,
// asio::use_future or asio::use_awaitable), <op>(...) which blocks, and
// co_<op>(...) for coroutines. Keys and values are anything
// boost::json::value_from accepts; reads convert with value_to, so 64-bit
// integers keep full precision. Missing keys and failed compare-and-sets
// arrive as rpc_error with error_code::key_does_not_exist /
// error_code::precondition_failed.
//
// seq-kv is sequentially consistent, not linearizable: a read may return any
// state from the last one this node observed up to the newest, and a request
// that would not change the state (a read, a failing cas, a cas or write of
// the value already there) may be answered from such a past state.
// read_fresh() and catch_up() give reads that see every write acknowledged
// before they began (docs/api.md, "seq-kv").
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <chrono>
#include <exception>
#include <string>
#include <type_traits>
#include <utility>

#include "maelstrom/node.hpp"

namespace maelstrom {

namespace detail {

// The reply field a service puts its result in; a reply without it is reported
// as malformed rather than crashing the caller.
const json::value& reply_field(const Message& reply, std::string_view field);

// Completes `handler` with transform(error, reply), which may throw (the
// exception becomes the handler's error) and may turn an error into a result.
// The returned callback keeps the handler's executor and cancellation slot.
template <class Result, class Handler, class Transform>
auto then(Handler handler, Transform transform, Node::executor_type fallback) {
    auto executor = asio::get_associated_executor(handler, fallback);
    auto slot = asio::get_associated_cancellation_slot(handler);
    return asio::bind_cancellation_slot(
        slot, asio::bind_executor(executor, [h = std::move(handler), t = std::move(transform)](
                                                std::exception_ptr error, Message reply) mutable {
            if constexpr (std::is_void_v<Result>) {
                try {
                    t(error, reply);
                    error = nullptr;
                } catch (...) {
                    error = std::current_exception();
                }
                std::move(h)(std::move(error));
            } else {
                Result result{};
                try {
                    result = t(error, reply);
                    error = nullptr;
                } catch (...) {
                    error = std::current_exception();
                }
                std::move(h)(std::move(error), std::move(result));
            }
        }));
}

// Rethrows an RPC failure, so that transforms can start with it.
inline void rethrow_if(std::exception_ptr error) {
    if (error) {
        std::rethrow_exception(error);
    }
}

inline void rethrow_reply_error(std::exception_ptr error, const Message&) {
    rethrow_if(error);
}

// A value for this node's freshness key that it has never written before, so
// that writing it always changes seq-kv's state.
std::int64_t next_fresh_stamp() noexcept;

}  // namespace detail

// A key (or value) of any type boost::json::value_from accepts: strings,
// string views, C strings, integers, json::value, described structs...
class Key {
  public:
    template <class K>
    requires(!std::is_same_v<std::remove_cvref_t<K>, Key>) Key(const K& key)
        : value_(json::value_from(key)) {}  // NOLINT: implicit by design

    const json::value& value() const& noexcept { return value_; }
    json::value value() && noexcept { return std::move(value_); }

  private:
    json::value value_;
};

class KV {
  public:
    // service is "lin-kv", "seq-kv" or "lww-kv" (or any compatible service).
    KV(Node& node, std::string service);

    const std::string& service() const noexcept { return service_; }
    // Deadline of each request; defaults to the node's RPC timeout.
    void set_timeout(std::chrono::milliseconds timeout) noexcept { timeout_ = timeout; }
    std::chrono::milliseconds timeout() const noexcept { return timeout_; }

    // read: completes with the value (converted to T), or key_does_not_exist.
    // On seq-kv the value may be stale; see read_fresh.
    template <class T = json::value, class Token>
    auto async_read(Key key, Token&& token) {
        decltype(auto) adapted = detail::callback_token<T>(std::forward<Token>(token), executor());
        return asio::async_initiate<decltype(adapted), void(std::exception_ptr, T)>(
            [this](auto handler, json::value k) {
                send(read_body(std::move(k)),
                     detail::then<T>(
                         std::move(handler),
                         [](std::exception_ptr error, const Message& reply) {
                             detail::rethrow_if(error);
                             return json::value_to<T>(detail::reply_field(reply, "value"));
                         },
                         executor()));
            },
            adapted, std::move(key).value());
    }
    template <class T = json::value>
    T read(Key key) {
        return node_.block_on(async_read<T>(std::move(key), asio::use_future));
    }
    template <class T = json::value>
    asio::awaitable<T> co_read(Key key) {
        co_return co_await async_read<T>(std::move(key), asio::use_awaitable);
    }

    // read_or: like read, but a missing key yields `fallback`.
    template <class T, class Token>
    auto async_read_or(Key key, T fallback, Token&& token) {
        decltype(auto) adapted = detail::callback_token<T>(std::forward<Token>(token), executor());
        return asio::async_initiate<decltype(adapted), void(std::exception_ptr, T)>(
            [this](auto handler, json::value k, T f) {
                send(read_body(std::move(k)),
                     detail::then<T>(
                         std::move(handler),
                         [f = std::move(f)](std::exception_ptr error, const Message& reply) {
                             try {
                                 detail::rethrow_if(error);
                             } catch (const rpc_error& e) {
                                 if (e.code() == error_code::key_does_not_exist) {
                                     return f;
                                 }
                                 throw;
                             }
                             return json::value_to<T>(detail::reply_field(reply, "value"));
                         },
                         executor()));
            },
            adapted, std::move(key).value(), std::move(fallback));
    }
    template <class T>
    T read_or(Key key, T fallback) {
        return node_.block_on(
            async_read_or<T>(std::move(key), std::move(fallback), asio::use_future));
    }
    template <class T>
    asio::awaitable<T> co_read_or(Key key, T fallback) {
        co_return co_await async_read_or<T>(std::move(key), std::move(fallback),
                                            asio::use_awaitable);
    }

    // catch_up: after it completes, this node's reads see every write that was
    // acknowledged (to any node) before it began. On seq-kv it writes a value
    // never written before to a key of this node's own ("maelstrom-fresh-<id>"):
    // seq-kv applies every state-changing request to its newest state and moves
    // the writer's view there. It sends nothing to lin-kv, which is never
    // stale, nor to lww-kv, whose replicas never merge: no write makes it fresh.
    asio::awaitable<void> co_catch_up();
    template <class Token>
    auto async_catch_up(Token&& token) {
        decltype(auto) adapted = detail::callback_token<>(std::forward<Token>(token), executor());
        return asio::co_spawn(executor(), co_catch_up(), std::forward<decltype(adapted)>(adapted));
    }
    void catch_up() { node_.block_on(async_catch_up(asio::use_future)); }

    // read_fresh / read_fresh_or: catch_up, then read: the latest value as of
    // the call, at the cost of one more round trip on seq-kv.
    template <class T = json::value>
    asio::awaitable<T> co_read_fresh(Key key) {
        co_await co_catch_up();
        co_return co_await co_read<T>(std::move(key));
    }
    template <class T>
    asio::awaitable<T> co_read_fresh_or(Key key, T fallback) {
        co_await co_catch_up();
        co_return co_await co_read_or<T>(std::move(key), std::move(fallback));
    }
    template <class T = json::value, class Token>
    auto async_read_fresh(Key key, Token&& token) {
        decltype(auto) adapted = detail::callback_token<T>(std::forward<Token>(token), executor());
        return asio::co_spawn(executor(), co_read_fresh<T>(std::move(key)),
                              std::forward<decltype(adapted)>(adapted));
    }
    template <class T, class Token>
    auto async_read_fresh_or(Key key, T fallback, Token&& token) {
        decltype(auto) adapted = detail::callback_token<T>(std::forward<Token>(token), executor());
        return asio::co_spawn(executor(), co_read_fresh_or<T>(std::move(key), std::move(fallback)),
                              std::forward<decltype(adapted)>(adapted));
    }
    template <class T = json::value>
    T read_fresh(Key key) {
        return node_.block_on(async_read_fresh<T>(std::move(key), asio::use_future));
    }
    template <class T>
    T read_fresh_or(Key key, T fallback) {
        return node_.block_on(
            async_read_fresh_or<T>(std::move(key), std::move(fallback), asio::use_future));
    }

    // write: sets key to value (creating it).
    template <class T, class Token>
    auto async_write(Key key, const T& value, Token&& token) {
        decltype(auto) adapted = detail::callback_token<>(std::forward<Token>(token), executor());
        return asio::async_initiate<decltype(adapted), void(std::exception_ptr)>(
            [this](auto handler, json::object body) {
                send(std::move(body), detail::then<void>(std::move(handler),
                                                         &detail::rethrow_reply_error, executor()));
            },
            adapted, write_body(std::move(key).value(), json::value_from(value)));
    }
    template <class T>
    void write(Key key, const T& value) {
        node_.block_on(async_write(std::move(key), value, asio::use_future));
    }
    template <class T>
    asio::awaitable<void> co_write(Key key, T value) {
        co_await async_write(std::move(key), value, asio::use_awaitable);
    }

    // cas: sets key to `to` if it currently equals `from`; precondition_failed
    // otherwise. With create_if_not_exists a missing key is set to `to`
    // (lin-kv and seq-kv; lww-kv ignores the flag and reports the missing key).
    // On seq-kv a cas that changes the value is applied to the newest state,
    // but one that fails, or whose `to` equals `from`, may be judged against a
    // past state.
    template <class From, class To, class Token>
    auto async_cas(Key key, const From& from, const To& to, bool create_if_not_exists,
                   Token&& token) {
        decltype(auto) adapted = detail::callback_token<>(std::forward<Token>(token), executor());
        return asio::async_initiate<decltype(adapted), void(std::exception_ptr)>(
            [this](auto handler, json::object body) {
                send(std::move(body), detail::then<void>(std::move(handler),
                                                         &detail::rethrow_reply_error, executor()));
            },
            adapted,
            cas_body(std::move(key).value(), json::value_from(from), json::value_from(to),
                     create_if_not_exists));
    }
    template <class From, class To>
    void cas(Key key, const From& from, const To& to, bool create_if_not_exists = false) {
        node_.block_on(async_cas(std::move(key), from, to, create_if_not_exists, asio::use_future));
    }
    template <class From, class To>
    asio::awaitable<void> co_cas(Key key, From from, To to, bool create_if_not_exists = false) {
        co_await async_cas(std::move(key), from, to, create_if_not_exists, asio::use_awaitable);
    }

    // update: read (missing -> fallback), compute fn(current), compare-and-set;
    // repeated while another writer wins the race. Returns the value written.
    // When fn changes the value the update is atomic on every service
    // (read-modify-write applied to the newest state). When fn returns its
    // argument unchanged, seq-kv may accept the cas against a past state, so
    // the value returned may be stale: use read_fresh to read. After a lost
    // race the next read catches up first, so a stale seq-kv view costs one
    // retry instead of a random walk.
    template <class T, class Fn>
    asio::awaitable<T> co_update(Key key, Fn fn, T fallback) {
        const json::value k = std::move(key).value();
        for (bool lost_race = false;; lost_race = true) {
            if (lost_race) {
                co_await co_catch_up();
            }
            bool missing = false;
            T current = fallback;
            try {
                current = co_await co_read<T>(k);
            } catch (const rpc_error& error) {
                if (error.code() != error_code::key_does_not_exist) {
                    throw;
                }
                missing = true;
            }
            T next = fn(current);
            try {
                co_await co_cas(k, current, next, missing);
                co_return next;
            } catch (const rpc_error& error) {
                if (error.code() != error_code::precondition_failed &&
                    error.code() != error_code::key_does_not_exist) {
                    throw;
                }
            }
        }
    }
    template <class T, class Fn, class Token>
    auto async_update(Key key, Fn fn, T fallback, Token&& token) {
        decltype(auto) adapted = detail::callback_token<T>(std::forward<Token>(token), executor());
        return asio::co_spawn(executor(),
                              co_update<T>(std::move(key), std::move(fn), std::move(fallback)),
                              std::forward<decltype(adapted)>(adapted));
    }
    template <class T, class Fn>
    T update(Key key, Fn fn, T fallback) {
        return node_.block_on(
            async_update<T>(std::move(key), std::move(fn), std::move(fallback), asio::use_future));
    }

  private:
    Node::executor_type executor() const noexcept { return node_.executor(); }
    template <class Handler>
    void send(json::object body, Handler handler) {
        node_.async_rpc(service_, std::move(body), timeout_, std::move(handler));
    }
    static json::object read_body(json::value key);
    static json::object write_body(json::value key, json::value value);
    static json::object cas_body(json::value key, json::value from, json::value to,
                                 bool create_if_not_exists);

    Node& node_;
    std::string service_;
    std::chrono::milliseconds timeout_;
};

class LinKV : public KV {
  public:
    explicit LinKV(Node& node) : KV(node, "lin-kv") {}
};
class SeqKV : public KV {
  public:
    explicit SeqKV(Node& node) : KV(node, "seq-kv") {}
};
class LwwKV : public KV {
  public:
    explicit LwwKV(Node& node) : KV(node, "lww-kv") {}
};

}  // namespace maelstrom
