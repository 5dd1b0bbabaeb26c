// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_EXAMPLE_COMMON_RESP_HPP
#define PROTOKIT_EXAMPLE_COMMON_RESP_HPP

// RESP2, the Redis serialization protocol, for protokit's pipelined servers
// and clients: the values (every RESP2 reply type), commands (arrays of bulk
// strings, or inline lines), a codec for each side, and the two protocols.
//
// Decoding is incremental and zero-copy: each bulk string is cut out of the
// read buffer as soon as it is whole (`bytes_mut::split_to`, so the buffer
// never holds more than one of them), lines are searched only once, and a
// frame's length, count or nesting over the limits is an error before
// anything is allocated for it. A server's command that is all in the
// buffer (the common case: pipelined batches) is read in one pass.

#include <protokit/error.hpp>
#include <protokit/future/sink_facade.hpp>
#include <protokit/future/stream_facade.hpp>
#include <protokit/io/bytes.hpp>
#include <protokit/io/codec.hpp>
#include <protokit/io/framed.hpp>
#include <protokit/io/io.hpp>
#include <protokit/proto/protocol.hpp>

#include <boost/system/error_category.hpp>
#include <boost/system/result.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace example::resp {

namespace io = protokit::io;

// Errors

/// What goes wrong with RESP, in the `resp` error category.
enum class error {
    /// A `*` count that is not a number, or over the element limit.
    invalid_multibulk_length = 1,
    /// A `$` length that is not a number, is negative, or is over the bulk limit.
    invalid_bulk_length,
    /// A command's array holds something other than a bulk string.
    expected_bulk_string,
    /// A line (inline command, simple string, error, length) is over the line limit.
    line_too_long,
    /// An inline command opens a quote it does not close.
    unbalanced_quotes,
    /// A line or a bulk string does not end with CRLF.
    expected_crlf,
    /// A reply starts with a byte that is no RESP2 type.
    invalid_reply_type,
    /// An integer reply that is not a 64-bit integer.
    invalid_integer,
    /// A reply nests arrays deeper than the limit.
    nesting_too_deep,
    /// A simple string or error to send holds CR or LF.
    invalid_simple_string,
    /// The server replied with an error (client calls that expect something else).
    server_error,
    /// The reply has another type than the command calls for.
    unexpected_reply,
};

} // namespace example::resp

template <>
struct boost::system::is_error_code_enum<example::resp::error> : std::true_type {
};

namespace example::resp {

/// The `resp` error category.
inline boost::system::error_category const& error_category() noexcept
{
    class category final : public boost::system::error_category {
    public:
        char const* name() const noexcept override { return "resp"; }

        std::string message(int ev) const override
        {
            switch (static_cast<error>(ev)) {
            case error::invalid_multibulk_length: return "invalid multibulk length";
            case error::invalid_bulk_length: return "invalid bulk length";
            case error::expected_bulk_string: return "expected a bulk string in a command";
            case error::line_too_long: return "line too long";
            case error::unbalanced_quotes: return "unbalanced quotes in request";
            case error::expected_crlf: return "expected CRLF";
            case error::invalid_reply_type: return "invalid reply type";
            case error::invalid_integer: return "invalid integer";
            case error::nesting_too_deep: return "arrays nested too deeply";
            case error::invalid_simple_string: return "simple string or error holds CR or LF";
            case error::server_error: return "the server replied with an error";
            case error::unexpected_reply: return "unexpected reply type";
            }
            return "unknown resp error";
        }
    };
    static category const instance;
    return instance;
}

/// Makes an `error_code` of the `resp` category.
inline boost::system::error_code make_error_code(error e) noexcept
{
    return {static_cast<int>(e), error_category()};
}

/// True for the errors that mean bytes on the wire are not RESP (the connection is closed).
inline bool is_protocol_error(boost::system::error_code const& ec) noexcept
{
    return ec.category() == error_category() &&
           ec.value() < static_cast<int>(error::invalid_simple_string);
}

/** How much a peer may make a decoder hold.

    The defaults are Redis's: a bulk string of at most 512 MiB
    (`proto-max-bulk-len`), lines of at most 64 KiB, the bulk strings of one
    frame 1 GiB in all (`client-query-buffer-limit`). An array may announce
    at most `max_elements` elements, counted over the whole frame (nested
    arrays included), and nest `max_depth` deep.
*/
struct limits {
    /// The longest bulk string.
    std::size_t max_bulk = std::size_t{512} * 1024 * 1024;
    /// The most elements in one frame.
    std::size_t max_elements = std::size_t{1} << 20;
    /// The longest line: an inline command, a simple string or error, a length.
    std::size_t max_line = 64 * 1024;
    /// The deepest nesting of arrays in a reply.
    std::size_t max_depth = 32;
    /// The most bytes of bulk strings in one frame; over it is `protokit::error::frame_too_large`.
    std::size_t max_frame = std::size_t{1} << 30;

    /// What a transport's read buffer must be allowed to hold: one bulk string and a line.
    std::size_t read_buffer_limit() const noexcept { return max_bulk + 2 + max_line; }
};

// Values

/// The RESP2 types (a null bulk string and a null array differ on the wire only).
enum class type : std::uint8_t {
    simple_string,
    error,
    integer,
    bulk_string,
    null_bulk_string,
    array,
    null_array,
};

/// Prints the type's name (`bulk_string`).
inline std::ostream& operator<<(std::ostream& os, type t)
{
    switch (t) {
    case type::simple_string: return os << "simple_string";
    case type::error: return os << "error";
    case type::integer: return os << "integer";
    case type::bulk_string: return os << "bulk_string";
    case type::null_bulk_string: return os << "null_bulk_string";
    case type::array: return os << "array";
    case type::null_array: return os << "null_array";
    }
    return os << "unknown";
}

/** A RESP2 value: what a server replies (and what a client reads).

    Strings are `io::bytes`: a decoded one shares the read buffer's storage,
    and one built from `io::bytes::from_static` copies nothing. The default
    value is the null bulk string, Redis's "nil".
*/
class value {
public:
    /// The null bulk string.
    value() noexcept = default;

    /// `+text` (must not hold CR or LF).
    static value simple_string(io::bytes text)
    {
        return value(type::simple_string, std::move(text));
    }
    static value simple_string(std::string_view text) { return simple_string(io::bytes(text)); }
    /// `+OK`, without allocating.
    static value ok() { return simple_string(io::bytes::from_static("OK")); }
    /// `-text`: by convention an upper-case code, a space, a message (`ERR syntax error`).
    static value error(io::bytes text) { return value(type::error, std::move(text)); }
    static value error(std::string_view text) { return error(io::bytes(text)); }
    /// `:n`.
    static value integer(std::int64_t n) noexcept
    {
        value v(type::integer, {});
        v.integer_ = n;
        return v;
    }
    /// `$len` and the bytes.
    static value bulk_string(io::bytes data) { return value(type::bulk_string, std::move(data)); }
    static value bulk_string(std::string_view data) { return bulk_string(io::bytes(data)); }
    /// `$-1`.
    static value null_bulk_string() noexcept { return value(); }
    /// `*n` and the elements.
    static value array(std::vector<value> elements)
    {
        value v(type::array, {});
        v.elements_ = std::make_unique<std::vector<value>>(std::move(elements));
        return v;
    }
    /// `*-1`.
    static value null_array() noexcept { return value(type::null_array, {}); }

    /// The type.
    resp::type type() const noexcept { return type_; }
    /// True for an error reply.
    bool is_error() const noexcept { return type_ == resp::type::error; }
    /// True for either null.
    bool is_null() const noexcept
    {
        return type_ == resp::type::null_bulk_string || type_ == resp::type::null_array;
    }
    /// The bytes of a simple string, an error or a bulk string (empty for other types).
    io::bytes const& text() const noexcept { return text_; }
    /// The value of an integer (0 for other types).
    std::int64_t as_integer() const noexcept { return integer_; }
    /// The elements of an array (none for other types).
    std::vector<value> const& elements() const noexcept
    {
        return elements_ != nullptr ? *elements_ : no_elements();
    }
    std::vector<value>& elements()
    {
        if (elements_ == nullptr)
            elements_ = std::make_unique<std::vector<value>>();
        return *elements_;
    }

    value(value&&) noexcept = default;
    value& operator=(value&&) noexcept = default;
    value(value const& other)
        : type_(other.type_), integer_(other.integer_), text_(other.text_),
          elements_(other.elements_ != nullptr
                        ? std::make_unique<std::vector<value>>(*other.elements_)
                        : nullptr)
    {
    }
    value& operator=(value const& other)
    {
        if (this != &other)
            *this = value(other);
        return *this;
    }
    ~value() = default;

    friend bool operator==(value const& a, value const& b) noexcept
    {
        return a.type_ == b.type_ && a.integer_ == b.integer_ && a.text_ == b.text_ &&
               a.elements() == b.elements();
    }

    /// Prints the value as `redis-cli` does, on one line: `"bulk"`, `(integer) 1`, `(nil)`, `[a,
    /// b]`.
    friend std::ostream& operator<<(std::ostream& os, value const& v)
    {
        switch (v.type_) {
        case resp::type::simple_string: return os << v.text_;
        case resp::type::error: return os << "(error) " << v.text_;
        case resp::type::integer: return os << "(integer) " << v.integer_;
        case resp::type::bulk_string: return os << '"' << v.text_ << '"';
        case resp::type::null_bulk_string:
        case resp::type::null_array: return os << "(nil)";
        case resp::type::array:
            os << '[';
            for (std::size_t i = 0; i < v.elements().size(); ++i)
                os << (i == 0 ? "" : ", ") << v.elements()[i];
            return os << ']';
        }
        return os;
    }

private:
    value(resp::type t, io::bytes text) noexcept : type_(t), text_(std::move(text)) {}

    static std::vector<value> const& no_elements() noexcept
    {
        static std::vector<value> const none;
        return none;
    }

    resp::type type_ = resp::type::null_bulk_string;
    std::int64_t integer_ = 0;
    io::bytes text_;
    // On the heap, and only for arrays: most values are not, and this keeps
    // their moves and destruction down to a pointer.
    std::unique_ptr<std::vector<value>> elements_;
};

// Commands

/** A command's arguments: up to three inline, more on the heap.

    A small vector whose inline slots are built only when an argument is put
    there: making an empty one, moving one and destroying one touch the
    arguments it holds and nothing more (a command changes hands several
    times between the decoder and the service).
*/
class arg_list {
public:
    using value_type = io::bytes;
    using const_iterator = io::bytes const*;
    using iterator = const_iterator;

    /// How many arguments fit without allocating.
    static constexpr std::size_t inline_capacity = 3;

    arg_list() noexcept {}
    arg_list(arg_list&& other) noexcept { take(other); }
    arg_list& operator=(arg_list&& other) noexcept
    {
        if (this != &other) {
            clear();
            take(other);
        }
        return *this;
    }
    arg_list(arg_list const& other) : heap_(other.heap_), size_(other.size_)
    {
        std::uninitialized_copy_n(other.slots_.args, inline_size(), slots_.args);
    }
    arg_list& operator=(arg_list const& other)
    {
        if (this != &other)
            *this = arg_list(other);
        return *this;
    }
    ~arg_list() { std::destroy_n(slots_.args, inline_size()); }

    std::size_t size() const noexcept { return size_; }
    bool empty() const noexcept { return size_ == 0; }
    io::bytes const* data() const noexcept
    {
        return size_ <= inline_capacity ? slots_.args : heap_.data();
    }
    io::bytes const& operator[](std::size_t i) const noexcept { return data()[i]; }
    const_iterator begin() const noexcept { return data(); }
    const_iterator end() const noexcept { return data() + size_; }

    /// Makes room for `n` arguments.
    void reserve(std::size_t n)
    {
        if (n > inline_capacity)
            heap_.reserve(n);
    }

    /// Appends `arg`.
    void push_back(io::bytes arg)
    {
        if (size_ < inline_capacity) {
            std::construct_at(slots_.args + size_, std::move(arg));
            ++size_;
            return;
        }
        if (size_ == inline_capacity) {
            heap_.reserve(inline_capacity * 2);
            for (io::bytes& b : slots_.args)
                heap_.push_back(std::move(b));
            std::destroy_n(slots_.args, inline_capacity);
        }
        heap_.push_back(std::move(arg));
        ++size_;
    }

    /// Drops every argument.
    void clear() noexcept
    {
        std::destroy_n(slots_.args, inline_size());
        heap_.clear();
        size_ = 0;
    }

    friend bool operator==(arg_list const& a, arg_list const& b) noexcept
    {
        return std::equal(a.begin(), a.end(), b.begin(), b.end());
    }

private:
    /// How many of the inline slots hold an argument.
    std::size_t inline_size() const noexcept { return size_ <= inline_capacity ? size_ : 0; }

    // Moves only the slots in use, and leaves `other` empty: a command
    // changes hands several times on its way to the service.
    void take(arg_list& other) noexcept
    {
        size_ = std::exchange(other.size_, 0);
        if (size_ > inline_capacity) {
            heap_ = std::move(other.heap_);
            return;
        }
        for (std::size_t i = 0; i < size_; ++i) {
            std::construct_at(slots_.args + i, std::move(other.slots_.args[i]));
            std::destroy_at(other.slots_.args + i);
        }
    }

    // Slots that hold an argument only once one is put there: an empty
    // list, which every decoded command starts as, writes four words.
    union slots {
        slots() noexcept {}
        ~slots() {}
        io::bytes args[inline_capacity];
    };

    slots slots_;
    std::vector<io::bytes> heap_; // every argument, once there are more than fit inline
    std::size_t size_ = 0;
};

/** A command: its name and arguments, each a binary-safe string.

    A decoded command's arguments share the read buffer's storage. One built
    from strings (`command{"SET", key, value}`) copies them all into one
    block.
*/
class command {
public:
    /// The arguments, the name first; up to three without allocating.
    using args_type = arg_list;

    /// No arguments.
    command() = default;

    /// The command made of `args`.
    explicit command(args_type args) noexcept : args_(std::move(args)) {}

    /// A copy of `args`, all in one block.
    command(std::initializer_list<std::string_view> args)
    {
        std::size_t total = 0;
        for (auto a : args)
            total += a.size();
        io::bytes_mut block(total);
        for (auto a : args)
            block.append(a);
        io::bytes all = std::move(block).freeze();
        args_.reserve(args.size());
        for (auto a : args)
            args_.push_back(all.split_to(a.size()));
    }

    /// Appends an argument.
    void push_back(io::bytes arg) { args_.push_back(std::move(arg)); }

    /// Makes room for `n` arguments.
    void reserve(std::size_t n) { args_.reserve(n); }

    /// The number of arguments, the name included.
    std::size_t size() const noexcept { return args_.size(); }
    /// True for an empty command (which servers ignore).
    bool empty() const noexcept { return args_.empty(); }
    /// The `i`-th argument (0: the name).
    io::bytes const& operator[](std::size_t i) const noexcept { return args_[i]; }
    /// All arguments.
    args_type const& args() const noexcept { return args_; }
    /// The name as sent (empty for an empty command).
    std::string_view name() const noexcept
    {
        return args_.empty() ? std::string_view() : args_[0].view();
    }

    /// True if the name is `upper`, compared without case (`upper` in upper case).
    bool is(std::string_view upper) const noexcept
    {
        auto n = name();
        if (n.size() != upper.size())
            return false;
        for (std::size_t i = 0; i < n.size(); ++i) {
            char c = n[i];
            if (c >= 'a' && c <= 'z')
                c = static_cast<char>(c - 'a' + 'A');
            if (c != upper[i])
                return false;
        }
        return true;
    }

    friend bool operator==(command const& a, command const& b) noexcept
    {
        return a.args_ == b.args_;
    }

    /// Prints the arguments separated by spaces.
    friend std::ostream& operator<<(std::ostream& os, command const& c)
    {
        for (std::size_t i = 0; i < c.args_.size(); ++i)
            os << (i == 0 ? "" : " ") << c.args_[i];
        return os;
    }

private:
    args_type args_;
};

// Encoding

namespace detail {

inline void put_header(io::bytes_mut& dst, char marker, std::int64_t n)
{
    auto out = dst.prepare(1 + 20 + 2);
    out[0] = marker;
    auto [end, ec] = std::to_chars(out.data() + 1, out.data() + out.size(), n);
    end[0] = '\r';
    end[1] = '\n';
    dst.commit(static_cast<std::size_t>(end + 2 - out.data()));
}

inline void put_bulk(io::bytes_mut& dst, std::string_view data)
{
    put_header(dst, '$', static_cast<std::int64_t>(data.size()));
    auto out = dst.prepare(data.size() + 2);
    if (!data.empty()) // (an empty view may have no data pointer)
        std::memcpy(out.data(), data.data(), data.size());
    out[data.size()] = '\r';
    out[data.size() + 1] = '\n';
    dst.commit(data.size() + 2);
}

inline io::encode_result put_value(io::bytes_mut& dst, value const& v)
{
    switch (v.type()) {
    case type::simple_string:
    case type::error: {
        // Checked as it is copied, a byte at a time: these are short (`+PONG`, `+OK`, an error),
        // and a search per byte for either of two characters costs more than the copy.
        auto text = v.text().view();
        auto out = dst.prepare(text.size() + 3);
        out[0] = v.type() == type::error ? '-' : '+';
        char* to = out.data() + 1;
        for (char const c : text) {
            if (c == '\r' || c == '\n')
                return make_error_code(error::invalid_simple_string); // nothing committed
            *to++ = c;
        }
        to[0] = '\r';
        to[1] = '\n';
        dst.commit(text.size() + 3);
        return {};
    }
    case type::integer: put_header(dst, ':', v.as_integer()); return {};
    case type::bulk_string: put_bulk(dst, v.text().view()); return {};
    case type::null_bulk_string: dst.append("$-1\r\n"); return {};
    case type::null_array: dst.append("*-1\r\n"); return {};
    case type::array:
        put_header(dst, '*', static_cast<std::int64_t>(v.elements().size()));
        for (auto const& e : v.elements())
            if (auto r = put_value(dst, e); !r)
                return r;
        return {};
    }
    return {};
}

} // namespace detail

/// Appends `v` to `dst` in RESP2; fails (appending part of it) on a simple string or error holding
/// CR or LF.
inline io::encode_result encode(value const& v, io::bytes_mut& dst)
{
    return detail::put_value(dst, v);
}

/// Appends `c` to `dst` as an array of bulk strings.
inline void encode(command const& c, io::bytes_mut& dst)
{
    detail::put_header(dst, '*', static_cast<std::int64_t>(c.size()));
    for (auto const& arg : c.args())
        detail::put_bulk(dst, arg.view());
}

// Decoding

namespace detail {

/// A strict 64-bit integer, as Redis reads one: an optional '-', digits, no leading zero, no "-0".
inline std::optional<std::int64_t> parse_integer(std::string_view s) noexcept
{
    std::size_t const first_digit = !s.empty() && s[0] == '-' ? 1 : 0;
    std::size_t const digits = s.size() - first_digit;
    // No leading zero, and no "-0".
    if (digits == 0 || digits > 19 || (s[first_digit] == '0' && (digits > 1 || first_digit == 1)))
        return std::nullopt;
    if (digits < 19) {
        // Cannot overflow: the lengths and counts of the protocol, the common case, stop here.
        std::int64_t n = 0;
        for (std::size_t i = first_digit; i < s.size(); ++i) {
            unsigned const d = static_cast<unsigned char>(s[i]) - unsigned{'0'};
            if (d > 9)
                return std::nullopt;
            n = n * 10 + static_cast<std::int64_t>(d);
        }
        return first_digit == 1 ? -n : n;
    }
    std::int64_t n = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
    if (ec != std::errc() || end != s.data() + s.size())
        return std::nullopt;
    return n;
}

/** Finds the line at the front of a buffer, remembering how far it looked.

    `find` returns the length of the line (without its CRLF) once the buffer
    holds all of it, `std::nullopt` while it does not, and an error for a
    line longer than `max_line` or, unless `bare_lf` allows one, a LF
    without its CR. The line then ends at `taken()` bytes from the front.
*/
class line_finder {
public:
    boost::system::result<std::optional<std::size_t>>
    find(io::bytes_mut const& buf, std::size_t max_line, error too_long, bool bare_lf = false)
    {
        auto const view = buf.view();
        auto const lf = view.find('\n', scanned_);
        if (lf == std::string_view::npos) {
            scanned_ = view.size();
            if (view.size() > max_line + 1)
                return make_error_code(too_long);
            return std::nullopt;
        }
        scanned_ = 0;
        taken_ = lf + 1;
        bool const cr = lf > 0 && view[lf - 1] == '\r';
        std::size_t const length = cr ? lf - 1 : lf;
        if (length > max_line)
            return make_error_code(too_long);
        if (!cr && !bare_lf)
            return make_error_code(error::expected_crlf);
        return length;
    }

    /// The bytes the line found last takes, its end of line included.
    std::size_t taken() const noexcept { return taken_; }

    /// Forgets how far it looked, after the caller took the bytes it had looked at.
    void reset() noexcept { scanned_ = 0; }

private:
    std::size_t scanned_ = 0;
    std::size_t taken_ = 0;
};

/// Reads a length line's number (`*3`, `$-1`): the number, or nothing if it is not one.
inline std::optional<std::int64_t> length_of(io::bytes_mut const& buf, std::size_t line)
{
    return parse_integer(buf.view().substr(1, line - 1));
}

/** Reads the number of a length line after its marker, the quick way, from `p` on.

    Takes 1 to 18 digits without a leading zero (or `0` alone), then CRLF,
    and stores their value in `n`; returns where the line ends. Returns null
    for anything else, and for a line not all before `end`: a sign, a
    leading zero, a number too long or any other byte is left to
    `line_finder` and `parse_integer`, which tell what is wrong with it.
*/
inline char const* read_length(char const* p, char const* end, std::size_t& n) noexcept
{
    constexpr std::ptrdiff_t most_digits = 18; // below 2^63: no overflow
    char const* const first = p;
    if (p == end)
        return nullptr;
    n = static_cast<unsigned char>(*p) - std::size_t{'0'};
    if (n > 9)
        return nullptr;
    ++p;
    if (n != 0) {
        // Never more than one digit too many: a long line is not read again on each call.
        for (; p != end && p - first <= most_digits; ++p) {
            std::size_t const d = static_cast<unsigned char>(*p) - std::size_t{'0'};
            if (d > 9)
                break;
            n = n * 10 + d;
        }
        if (p - first > most_digits)
            return nullptr;
    }
    if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
        return nullptr;
    return p + 2;
}

/// Makes room for the rest of a bulk string, but not all of a large one on the peer's word.
inline void reserve_for(io::bytes_mut& buf, std::size_t need)
{
    constexpr std::size_t most = 1024 * 1024;
    if (need > buf.size())
        buf.reserve(std::min(need - buf.size(), most));
}

} // namespace detail

/** The server's codec: decodes commands, encodes values.

    A command is an array of bulk strings (`*2\r\n$3\r\nGET\r\n$1\r\nk\r\n`)
    or an inline line (`GET k\r\n`, with Redis's quoting rules); empty ones
    are skipped, as Redis does. Bytes that are not a command are an error of
    the `resp` category, and `error_text()` then tells what Redis would
    reply (`Protocol error: invalid bulk length`).
*/
class server_codec {
public:
    using in_type = command;
    using out_type = value;

    /// A codec holding peers to `l`.
    explicit server_codec(resp::limits l = {}) : limits_(l) {}

    /// The most elements an array may have to be read in one pass (longer ones are read in steps).
    static constexpr std::size_t one_pass_elements = 16;

    /// The next whole command, `std::nullopt` for more bytes, or a protocol error.
    io::decode_result<command> decode(io::bytes_mut& buf)
    {
        if (missing_ == 0 && !buf.empty() && buf[0] == '*')
            return decode_array(buf);
        return decode_in_steps(buf);
    }

    /// Appends `v` to `dst`.
    io::encode_result encode(value const& v, io::bytes_mut& dst) { return resp::encode(v, dst); }

    /// After a decoding error: the text Redis would reply with (`Protocol error: ...`).
    std::string const& error_text() const noexcept { return error_text_; }

    /// The limits this codec holds peers to.
    resp::limits const& limits() const noexcept { return limits_; }

private:
    /// An array, in one pass if it can be, else in steps.
    io::decode_result<command> decode_array(io::bytes_mut& buf)
    {
        // Every path returns `out`: it is built where the caller wants it, and the command is
        // built in it, not moved there.
        io::decode_result<command> out(boost::system::in_place_value);
        if (take_array(buf, *out))
            return out;
        out = decode_in_steps(buf);
        return out;
    }

    /// The next command, read in as many steps as it came in: lines, then bulk strings.
    io::decode_result<command> decode_in_steps(io::bytes_mut& buf)
    {
        for (;;) {
            if (missing_ == 0) {
                // Between commands: an array's header or an inline line.
                if (buf.empty())
                    return std::nullopt;
                if (buf[0] != '*') {
                    auto line = lines_.find(buf, limits_.max_line, error::line_too_long, true);
                    if (!line)
                        return fail(line.error(), "too big inline request");
                    if (!*line)
                        return std::nullopt;
                    auto parsed = split_inline(buf.split_to(lines_.taken()).split_to(**line));
                    if (!parsed)
                        return fail(parsed.error(), "unbalanced quotes in request");
                    if (!parsed->empty())
                        return std::move(*parsed);
                    continue;
                }
                auto line = lines_.find(buf, limits_.max_line, error::line_too_long);
                if (!line)
                    return fail(line.error(), "too big mbulk count string");
                if (!*line)
                    return std::nullopt;
                auto count = detail::length_of(buf, **line);
                if (!count || *count > static_cast<std::int64_t>(limits_.max_elements))
                    return fail(error::invalid_multibulk_length, "invalid multibulk length");
                buf.advance(lines_.taken());
                if (*count <= 0)
                    continue; // `*0` and `*-1`: nothing to do, as Redis does.
                missing_ = static_cast<std::size_t>(*count);
                frame_bytes_ = 0;
                args_.reserve(std::min<std::size_t>(missing_, 1024));
            }
            while (missing_ > 0) {
                if (!bulk_) {
                    if (buf.empty())
                        return std::nullopt;
                    if (buf[0] != '$') {
                        return fail(error::expected_bulk_string,
                                    std::string("expected '$', got '") + buf[0] + "'");
                    }
                    auto line = lines_.find(buf, limits_.max_line, error::line_too_long);
                    if (!line)
                        return fail(line.error(), "too big bulk count string");
                    if (!*line)
                        return std::nullopt;
                    auto length = detail::length_of(buf, **line);
                    if (!length || *length < 0 ||
                        *length > static_cast<std::int64_t>(limits_.max_bulk))
                        return fail(error::invalid_bulk_length, "invalid bulk length");
                    if (static_cast<std::size_t>(*length) > limits_.max_frame - frame_bytes_) {
                        // Redis closes such a client without a reply: so does the transport.
                        error_text_.clear();
                        return make_error_code(protokit::error::frame_too_large);
                    }
                    buf.advance(lines_.taken());
                    bulk_ = static_cast<std::size_t>(*length);
                    frame_bytes_ += *bulk_;
                }
                if (buf.size() < *bulk_ + 2) {
                    detail::reserve_for(buf, *bulk_ + 2);
                    return std::nullopt;
                }
                if (buf[*bulk_] != '\r' || buf[*bulk_ + 1] != '\n')
                    return fail(error::expected_crlf, "expected CRLF after a bulk string");
                args_.push_back(buf.split_to(*bulk_));
                buf.advance(2);
                bulk_.reset();
                --missing_;
            }
            return command(std::exchange(args_, {}));
        }
    }

    io::decode_result<command> fail(boost::system::error_code ec, std::string const& what)
    {
        error_text_ = "Protocol error: ";
        error_text_ += ec == make_error_code(error::expected_crlf) ? "expected CRLF" : what;
        std::replace_if(
            error_text_.begin(), error_text_.end(), [](char c) { return c == '\r' || c == '\n'; },
            ' ');
        return ec;
    }

    io::decode_result<command> fail(error e, std::string const& what)
    {
        return fail(make_error_code(e), what);
    }

    /** Takes a whole array of bulk strings from the front of `buf` into `out`, in one pass.

        Only if all of it is there, its lines are plainly well formed (see
        `detail::read_length`), it is within the limits and it has at most
        `one_pass_elements` elements: then its lengths are read once, without
        searching for line ends, and its arguments are cut from the buffer.
        Anything else takes nothing, and leaves the frame to
        `decode_in_steps`, which keeps its place across reads and tells what
        is wrong (this path accepts nothing it refuses).
    */
    bool take_array(io::bytes_mut& buf, std::optional<command>& out)
    {
        char const* const first = buf.data();
        char const* const end = first + buf.size();
        std::size_t count = 0;
        char const* p = detail::read_length(first + 1, end, count);
        if (p == nullptr || count == 0 || count > one_pass_elements ||
            count > limits_.max_elements || line_over_limit(first, p))
            return false;
        std::size_t const header = static_cast<std::size_t>(p - first);
        std::array<std::size_t, one_pass_elements> lengths;
        std::array<std::size_t, one_pass_elements> heads;
        std::size_t frame_bytes = 0;
        for (std::size_t i = 0; i < count; ++i) {
            char const* const line = p;
            if (p == end || *p != '$')
                return false;
            p = detail::read_length(p + 1, end, lengths[i]);
            if (p == nullptr || lengths[i] > limits_.max_bulk ||
                lengths[i] > limits_.max_frame - frame_bytes || line_over_limit(line, p) ||
                static_cast<std::size_t>(end - p) < lengths[i] + 2)
                return false;
            heads[i] = static_cast<std::size_t>(p - line);
            frame_bytes += lengths[i];
            p += lengths[i];
            if (p[0] != '\r' || p[1] != '\n')
                return false;
            p += 2;
        }
        buf.advance(header);
        command& c = out.emplace();
        c.reserve(count);
        for (std::size_t i = 0; i < count; ++i) {
            buf.advance(heads[i]);
            c.push_back(buf.split_to(lengths[i]));
            buf.advance(2);
        }
        lines_.reset(); // it may have looked at a part of the header, on an earlier call
        return true;
    }

    /// True if the line from `line` to `next` (after its CRLF) is longer than `max_line`.
    bool line_over_limit(char const* line, char const* next) const noexcept
    {
        return static_cast<std::size_t>(next - line) - 2 > limits_.max_line;
    }

    /** Splits an inline line into arguments, as Redis does.

        Blanks separate arguments. Quotes may open anywhere in one:
        "double quotes" take the escapes \n \r \t \b \a and \xHH (and \
        before any other character stands for it), 'single quotes' take \'
        only; a closing quote must end the argument. Arguments without quotes
        share the line's storage. A NUL ends the line, as it ends the C string
        Redis splits (inside quotes it leaves them unbalanced).
    */
    static boost::system::result<command> split_inline(io::bytes line)
    {
        auto const s = line.view().substr(0, line.view().find('\0'));
        auto hex = [](char c) -> int {
            if (c >= '0' && c <= '9')
                return c - '0';
            if (c >= 'a' && c <= 'f')
                return c - 'a' + 10;
            if (c >= 'A' && c <= 'F')
                return c - 'A' + 10;
            return -1;
        };
        auto ends_argument = [&](std::size_t i) {
            return i == s.size() || s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t';
        };
        command out;
        std::size_t i = 0;
        for (;;) {
            while (i < s.size() && (s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r')))
                ++i;
            if (i == s.size())
                return out;
            std::size_t const start = i;
            std::string arg;
            bool quoted = false;
            char quote = 0; // the open quote, if any
            for (;;) {
                if (quote == 0) {
                    if (ends_argument(i))
                        break;
                    if (s[i] == '"' || s[i] == '\'') {
                        quote = s[i];
                        quoted = true;
                    } else {
                        arg += s[i];
                    }
                    ++i;
                    continue;
                }
                if (i == s.size())
                    return make_error_code(error::unbalanced_quotes);
                char const c = s[i];
                if (c == quote) {
                    ++i;
                    if (!ends_argument(i))
                        return make_error_code(error::unbalanced_quotes);
                    break;
                }
                if (c == '\\' && i + 1 < s.size()) {
                    char const e = s[i + 1];
                    if (quote == '\'') {
                        if (e == '\'') {
                            arg += '\'';
                            i += 2;
                            continue;
                        }
                    } else if (e == 'x' && i + 3 < s.size() && hex(s[i + 2]) >= 0 &&
                               hex(s[i + 3]) >= 0) {
                        arg += static_cast<char>(hex(s[i + 2]) * 16 + hex(s[i + 3]));
                        i += 4;
                        continue;
                    } else {
                        switch (e) {
                        case 'n': arg += '\n'; break;
                        case 'r': arg += '\r'; break;
                        case 't': arg += '\t'; break;
                        case 'b': arg += '\b'; break;
                        case 'a': arg += '\a'; break;
                        default: arg += e; break;
                        }
                        i += 2;
                        continue;
                    }
                }
                arg += c;
                ++i;
            }
            out.push_back(quoted ? io::bytes(arg) : line.slice(start, i));
        }
    }

    resp::limits limits_;
    detail::line_finder lines_;
    std::size_t missing_ = 0;         // bulk strings still to come in the current command
    std::optional<std::size_t> bulk_; // the length of the bulk string whose header was read
    command::args_type args_;         // the current command's arguments so far
    std::size_t frame_bytes_ = 0;     // bytes of bulk strings in the current command so far
    std::string error_text_;
};

/** The client's codec: encodes commands, decodes values of every RESP2 type.

    Arrays are built as their elements arrive, on a stack of partial arrays,
    so bytes are looked at once however a reply is cut into reads.
*/
class client_codec {
public:
    using in_type = value;
    using out_type = command;

    /// A codec holding servers to `l`.
    explicit client_codec(resp::limits l = {}) : limits_(l) {}

    /// The next whole value, `std::nullopt` for more bytes, or a protocol error.
    io::decode_result<value> decode(io::bytes_mut& buf)
    {
        for (;;) {
            value v;
            if (bulk_) {
                if (buf.size() < *bulk_ + 2) {
                    detail::reserve_for(buf, *bulk_ + 2);
                    return std::nullopt;
                }
                if (buf[*bulk_] != '\r' || buf[*bulk_ + 1] != '\n')
                    return make_error_code(error::expected_crlf);
                v = value::bulk_string(buf.split_to(*bulk_));
                buf.advance(2);
                bulk_.reset();
            } else {
                if (buf.empty())
                    return std::nullopt;
                auto line = lines_.find(buf, limits_.max_line, error::line_too_long);
                if (!line)
                    return line.error();
                if (!*line)
                    return std::nullopt;
                std::size_t const n = **line;
                if (stack_.empty()) {
                    elements_ = 0; // a new frame
                    frame_bytes_ = 0;
                }
                char const marker = buf[0];
                switch (marker) {
                case '+':
                case '-': {
                    auto text = buf.split_to(lines_.taken()).slice(1, n);
                    v = marker == '+' ? value::simple_string(std::move(text))
                                      : value::error(std::move(text));
                    break;
                }
                case ':': {
                    auto i = detail::parse_integer(buf.view().substr(1, n - 1));
                    if (!i)
                        return make_error_code(error::invalid_integer);
                    buf.advance(lines_.taken());
                    v = value::integer(*i);
                    break;
                }
                case '$': {
                    auto length = detail::length_of(buf, n);
                    if (!length || *length < -1 ||
                        *length > static_cast<std::int64_t>(limits_.max_bulk))
                        return make_error_code(error::invalid_bulk_length);
                    if (*length > 0 &&
                        static_cast<std::size_t>(*length) > limits_.max_frame - frame_bytes_)
                        return make_error_code(protokit::error::frame_too_large);
                    buf.advance(lines_.taken());
                    if (*length == -1)
                        break; // v is the null bulk string
                    bulk_ = static_cast<std::size_t>(*length);
                    frame_bytes_ += *bulk_;
                    continue; // then its bytes
                }
                case '*': {
                    auto count = detail::length_of(buf, n);
                    if (!count || *count < -1 ||
                        (*count > 0 &&
                         static_cast<std::size_t>(*count) > limits_.max_elements - elements_))
                        return make_error_code(error::invalid_multibulk_length);
                    if (*count > 0 && stack_.size() >= limits_.max_depth)
                        return make_error_code(error::nesting_too_deep);
                    buf.advance(lines_.taken());
                    if (*count == -1) {
                        v = value::null_array();
                        break;
                    }
                    if (*count == 0) {
                        v = value::array({});
                        break;
                    }
                    elements_ += static_cast<std::size_t>(*count);
                    stack_.push_back({{}, static_cast<std::size_t>(*count)});
                    stack_.back().elements.reserve(
                        std::min<std::size_t>(stack_.back().missing, 1024));
                    continue; // then its elements
                }
                default: return make_error_code(error::invalid_reply_type);
                }
            }
            // A whole value: the frame, or the next element of the innermost array.
            for (;;) {
                if (stack_.empty())
                    return v;
                auto& top = stack_.back();
                top.elements.push_back(std::move(v));
                if (--top.missing > 0)
                    break;
                v = value::array(std::move(top.elements));
                stack_.pop_back();
            }
        }
    }

    /// Appends `c` to `dst`.
    io::encode_result encode(command const& c, io::bytes_mut& dst)
    {
        resp::encode(c, dst);
        return {};
    }

    /// The limits this codec holds servers to.
    resp::limits const& limits() const noexcept { return limits_; }

private:
    struct partial_array {
        std::vector<value> elements;
        std::size_t missing;
    };

    resp::limits limits_;
    detail::line_finder lines_;
    std::optional<std::size_t> bulk_;  // the length of the bulk string whose header was read
    std::vector<partial_array> stack_; // the arrays being filled, innermost last
    std::size_t elements_ = 0;         // elements announced so far in the current frame
    std::size_t frame_bytes_ = 0;      // bytes of bulk strings in the current frame so far
};

// Protocols

/** The server's transport: `framed` with `server_codec`, and what RESP adds to it.

    After a `QUIT` command the stream ends, so that the server answers it
    (and the commands before it) and closes the connection, as Redis does.
    After a protocol error the stream fails as `framed`'s does, and closing
    the sink writes Redis's `-ERR Protocol error: ...` reply after the
    replies to the commands before the bad bytes.
*/
template <io::Io T>
class server_transport : public protokit::future::stream_facade<server_transport<T>>,
                         public protokit::future::sink_facade<server_transport<T>> {
public:
    using item_type = command;
    using error_type = protokit::future::error_code;
    using sink_item_type = value;
    using sink_error_type = protokit::future::error_code;

    /// Frames `io`, holding the peer to `l` (the read buffer may hold one bulk string).
    explicit server_transport(T io, resp::limits l = {}) : framed_(std::move(io), server_codec(l))
    {
        framed_.read_buffer_limit(l.read_buffer_limit());
    }

    /// The next command; the end after `QUIT`.
    protokit::future::stream_poll_result<command> poll_next()
    {
        if (quit_)
            return protokit::future::end_of_stream;
        auto r = framed_.poll_next();
        if (r.is_ready() && r.value() && r.value()->is("QUIT"))
            quit_ = true;
        else if (r.is_error() && is_protocol_error(r.error()))
            goodbye_ = framed_.codec().error_text();
        return r;
    }

    /// Encodes a reply, or hands it back while the write buffer is full.
    protokit::future::start_send_result<value> start_send(value v)
    {
        return framed_.start_send(std::move(v));
    }

    /// Ready once every reply is written and flushed.
    protokit::future::poll_result<protokit::future::unit> poll_complete()
    {
        return framed_.poll_complete();
    }

    /// Adds the protocol error's reply, if there was one, then writes, flushes and shuts down.
    protokit::future::poll_result<protokit::future::unit> close()
    {
        if (goodbye_) {
            auto& out = framed_.write_buffer();
            out.append("-ERR ");
            out.append(*goodbye_);
            out.append("\r\n");
            goodbye_.reset();
        }
        return framed_.close();
    }

    /// The framed stream underneath.
    io::framed<T, server_codec>& framed() noexcept { return framed_; }

private:
    io::framed<T, server_codec> framed_;
    std::optional<std::string> goodbye_;
    bool quit_ = false;
};

/// RESP for `pipeline::server_proto`: commands in, replies out (`server_transport`).
class server_protocol : public protokit::pipeline::server_proto {
public:
    using request_type = command;
    using response_type = value;

    /// Holds clients to `l`.
    explicit server_protocol(resp::limits l = {}) : limits_(l) {}

    /// Frames a connection.
    template <io::Io T>
    server_transport<T> bind_transport(T io) const
    {
        return server_transport<T>(std::move(io), limits_);
    }

private:
    resp::limits limits_;
};

/// RESP for `pipeline::client_proto`: commands out, replies in (`framed` with `client_codec`).
class client_protocol : public protokit::pipeline::client_proto {
public:
    using request_type = command;
    using response_type = value;

    /// Holds servers to `l`.
    explicit client_protocol(resp::limits l = {}) : limits_(l) {}

    /// Frames a connection; its read buffer may hold one bulk string of the largest size.
    template <io::Io T>
    io::framed<T, client_codec> bind_transport(T io) const
    {
        io::framed<T, client_codec> framed(std::move(io), client_codec(limits_));
        framed.read_buffer_limit(limits_.read_buffer_limit());
        return framed;
    }

private:
    resp::limits limits_;
};

} // namespace example::resp

#endif
