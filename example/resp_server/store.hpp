// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_EXAMPLE_RESP_SERVER_STORE_HPP
#define PROTOKIT_EXAMPLE_RESP_SERVER_STORE_HPP

// resp_server's keyspace: string keys to string values with optional
// expiry, shared by every reactor thread.
//
// Shared with locks, not owned by one thread behind channels: the keyspace
// is split into 64 shards, each a hash map under its own mutex. A command
// runs on its connection's thread and locks only the shards of its keys, in
// shard order (so multi-key commands cannot deadlock, and MSET, MGET, DEL
// and EXISTS see and change their keys at once, as in Redis). Its reply is
// ready when the service returns, which keeps protokit's fast path (no
// task, no wake-up, no cross-thread hop per command). An owner thread would
// serialize every command through one core and pay two channel hops and a
// wake-up per command; with short critical sections and 64 shards the locks
// are nearly always free, and one thread pays only an uncontended mutex.
//
// Expiry: each key's deadline is also kept, per shard, in a set ordered by
// deadline. Reading a key whose deadline has passed deletes it (lazy), every
// locked shard first drops a few keys whose deadline has passed (so keys
// nobody reads again are reclaimed as the shard sees traffic), and DBSIZE
// drops them all before counting, so that counts and TTLs are exact.

#include <protokit/io/bytes.hpp>

#include <boost/container/small_vector.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace resp_server {

using clock = std::chrono::steady_clock;

/// Deadlines count milliseconds, as Redis's do (so that their range is Redis's too).
using time_point = std::chrono::time_point<clock, std::chrono::milliseconds>;

/// A deadline that never comes: a key without expiry.
inline constexpr time_point never = time_point::max();

/// The current time, in deadline units.
inline time_point now() noexcept
{
    return std::chrono::time_point_cast<std::chrono::milliseconds>(clock::now());
}

/** The time a command runs at: read from the clock the first time it is asked for, then the same.

    Most commands touch no key with a deadline and never ask, which saves
    a clock read per command.
*/
class command_clock {
public:
    time_point now() noexcept
    {
        if (!now_)
            now_ = resp_server::now();
        return *now_;
    }

private:
    std::optional<time_point> now_;
};

/// A value and its deadline.
struct entry {
    protokit::io::bytes value;
    time_point expires = never;
};

/** One shard: keys, values and deadlines. Used with its mutex held (see `store`).

    A key with a deadline is also in `deadlines_`, whose string views point
    at the map's own keys (node-based, so they stay put until erased).
*/
class shard {
public:
    /// The live entry of `key`, or null (an expired one is erased first).
    entry* find(std::string_view key, command_clock& clock)
    {
        auto it = map_.find(key);
        if (it == map_.end())
            return nullptr;
        if (it->second.expires != never && it->second.expires <= clock.now()) {
            erase(it);
            return nullptr;
        }
        return &it->second;
    }

    /// Sets `key` to `value` with deadline `expires`.
    void put(std::string_view key, protokit::io::bytes value, time_point expires)
    {
        auto it = map_.find(key);
        if (it == map_.end())
            it = map_.emplace(std::string(key), entry{}).first;
        it->second.value = std::move(value);
        set_expiry(it->first, it->second, expires);
    }

    /// Gives the entry of `key` (which `find` returned) a new deadline.
    void set_expiry(std::string_view key, entry& e, time_point expires)
    {
        if (e.expires == expires)
            return;
        if (e.expires != never)
            deadlines_.erase({e.expires, key});
        e.expires = expires;
        if (expires != never)
            deadlines_.insert({expires, map_.find(key)->first}); // the map's own copy of the key
    }

    /// Deletes `key`; true if it was there and live.
    bool erase(std::string_view key, command_clock& clock)
    {
        auto it = map_.find(key);
        if (it == map_.end())
            return false;
        bool const live = it->second.expires == never || it->second.expires > clock.now();
        erase(it);
        return live;
    }

    /// Drops up to `most` entries whose deadline has passed.
    void drop_expired(command_clock& clock, std::size_t most)
    {
        while (most-- > 0 && !deadlines_.empty() && deadlines_.begin()->first <= clock.now())
            erase(map_.find(deadlines_.begin()->second));
    }

    /// The number of keys, expired ones included (`drop_expired` first for an exact count).
    std::size_t size() const noexcept { return map_.size(); }

    /// Deletes every key.
    void clear()
    {
        deadlines_.clear();
        map_.clear();
    }

    /// Held while the shard is used.
    std::mutex mutex;

private:
    struct string_hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept
        {
            return std::hash<std::string_view>{}(s);
        }
    };
    using map_type = std::unordered_map<std::string, entry, string_hash, std::equal_to<>>;

    void erase(map_type::iterator it)
    {
        if (it->second.expires != never)
            deadlines_.erase({it->second.expires, it->first});
        map_.erase(it);
    }

    map_type map_;
    std::set<std::pair<time_point, std::string_view>> deadlines_;
};

/** The keyspace: 64 shards, each under its own mutex; safe to use from any thread.

    `with_key`, `with_keys` and `with_all` lock what a command needs and
    hand it a `locked` view, through which it finds and changes keys.
*/
class store {
public:
    static constexpr std::size_t shard_count = 64;

    /// Access to the keys of the shards the caller holds.
    class locked {
    public:
        /// The live entry of `key`, or null.
        entry* find(std::string_view key) { return owner_.shard_of(key).find(key, clock_); }
        /// Sets `key` to `value` with deadline `expires`.
        void put(std::string_view key, protokit::io::bytes value, time_point expires = never)
        {
            owner_.shard_of(key).put(key, std::move(value), expires);
        }
        /// Gives `key`'s entry `e` a new deadline.
        void set_expiry(std::string_view key, entry& e, time_point expires)
        {
            owner_.shard_of(key).set_expiry(key, e, expires);
        }
        /// Deletes `key`; true if it was there.
        bool erase(std::string_view key) { return owner_.shard_of(key).erase(key, clock_); }
        /// The time the command runs at.
        time_point now() noexcept { return clock_.now(); }
        /// The command's clock, for the shards' own calls.
        command_clock& clock() noexcept { return clock_; }

    private:
        friend class store;
        locked(store& owner, command_clock& clock) : owner_(owner), clock_(clock) {}

        store& owner_;
        command_clock& clock_;
    };

    store() : shards_(std::make_unique<shard[]>(shard_count)) {}

    /// Runs `f(locked&)` with `key`'s shard held.
    template <class F>
    decltype(auto) with_key(std::string_view key, F&& f)
    {
        command_clock clock;
        shard& s = shard_of(key);
        std::lock_guard lock(s.mutex);
        s.drop_expired(clock, reclaim_per_command);
        locked view(*this, clock);
        return std::forward<F>(f)(view);
    }

    /// Runs `f(locked&)` with the shards of every key in `keys` held (a range of `io::bytes`).
    template <class Keys, class F>
    decltype(auto) with_keys(Keys const& keys, F&& f)
    {
        command_clock clock;
        boost::container::small_vector<std::size_t, 8> indexes;
        for (auto const& k : keys)
            indexes.push_back(index_of(k.view()));
        std::sort(indexes.begin(), indexes.end());
        indexes.erase(std::unique(indexes.begin(), indexes.end()), indexes.end());
        boost::container::small_vector<std::unique_lock<std::mutex>, 8> locks;
        for (auto i : indexes) {
            locks.emplace_back(shards_[i].mutex);
            shards_[i].drop_expired(clock, reclaim_per_command);
        }
        locked view(*this, clock);
        return std::forward<F>(f)(view);
    }

    /// Runs `f(locked&, shards)` with every shard held; `shards` is a span of them all.
    template <class F>
    decltype(auto) with_all(F&& f)
    {
        command_clock clock;
        std::array<std::unique_lock<std::mutex>, shard_count> locks;
        for (std::size_t i = 0; i < shard_count; ++i)
            locks[i] = std::unique_lock(shards_[i].mutex);
        locked view(*this, clock);
        return std::forward<F>(f)(view, std::span<shard>(shards_.get(), shard_count));
    }

private:
    /// Expired keys each locked shard drops before a command runs.
    static constexpr std::size_t reclaim_per_command = 4;

    static std::size_t index_of(std::string_view key) noexcept
    {
        // The top bits: the maps inside use the hash modulo their bucket count.
        return std::hash<std::string_view>{}(key) >> (std::numeric_limits<std::size_t>::digits - 6);
    }

    shard& shard_of(std::string_view key) noexcept { return shards_[index_of(key)]; }

    std::unique_ptr<shard[]> shards_;
};

static_assert(store::shard_count == std::size_t{1} << 6);

} // namespace resp_server

#endif
