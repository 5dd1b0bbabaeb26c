// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#define BOOST_TEST_MODULE protokit
#include <boost/test/unit_test.hpp>

#include <boost/test/tree/observer.hpp>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>

// Every test case runs under a time limit: PROTOKIT_TEST_CASE_LIMIT seconds
// (120 unless set). A test case still running past it (a lost wake-up, a
// peer that never answers) prints its name and ends the test binary with
// a failure.
// ctest also bounds each suite (300 s); b2 bounds nothing by itself.

namespace {

class test_case_limit : public boost::unit_test::test_observer {
public:
    test_case_limit() : limit_(configured_limit()), thread_([this] { watch(); })
    {
        boost::unit_test::framework::register_observer(*this);
    }

    ~test_case_limit()
    {
        boost::unit_test::framework::deregister_observer(*this);
        {
            std::lock_guard lock(mutex_);
            stop_ = true;
        }
        wake_.notify_one();
        thread_.join();
    }

    test_case_limit(test_case_limit const&) = delete;
    test_case_limit& operator=(test_case_limit const&) = delete;

    void test_unit_start(boost::unit_test::test_unit const& unit) override
    {
        if (unit.p_type != boost::unit_test::TUT_CASE)
            return;
        {
            std::lock_guard lock(mutex_);
            name_ = unit.full_name();
            deadline_ = std::chrono::steady_clock::now() + limit_;
            running_ = true;
        }
        wake_.notify_one();
    }

    void test_unit_finish(boost::unit_test::test_unit const& unit, unsigned long) override
    {
        if (unit.p_type != boost::unit_test::TUT_CASE)
            return;
        std::lock_guard lock(mutex_);
        running_ = false;
    }

private:
    static std::chrono::seconds configured_limit()
    {
        char const* text = std::getenv("PROTOKIT_TEST_CASE_LIMIT");
        long const seconds = text != nullptr ? std::strtol(text, nullptr, 10) : 0;
        return std::chrono::seconds(seconds > 0 ? seconds : 120);
    }

    void watch()
    {
        std::unique_lock lock(mutex_);
        while (!stop_) {
            if (!running_) {
                wake_.wait(lock);
                continue;
            }
            if (std::chrono::steady_clock::now() >= deadline_) {
                // Not abort(): Boost.Test would catch SIGABRT on this thread
                // and jump into the test thread's stack.
                std::fflush(stdout);
                std::fprintf(stderr, "test case %s still running after %llds: exiting\n",
                             name_.c_str(), static_cast<long long>(limit_.count()));
                std::fflush(stderr);
                std::_Exit(EXIT_FAILURE);
            }
            wake_.wait_until(lock, deadline_);
        }
    }

    std::chrono::seconds const limit_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stop_ = false;
    bool running_ = false;
    std::string name_;
    std::chrono::steady_clock::time_point deadline_;
    std::thread thread_;
};

} // namespace

BOOST_TEST_GLOBAL_FIXTURE(test_case_limit);
