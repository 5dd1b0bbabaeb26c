// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/http/codec.hpp>

#include <protokit/error.hpp>

#include <boost/asio/buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/message.hpp>

#include <utility>

namespace protokit::http {

namespace {

namespace bh = boost::beast::http;

/// What one `put` of the body's bytes gave: a piece of the body, progress, or an error.
struct body_step {
    boost::system::error_code ec;
    std::optional<io::bytes> piece;
    bool progress = false;
};

/// Feeds `buf` to `p` (past its head): the piece of body it found is cut out of `buf`, not copied.
template <bool IsRequest>
body_step parse_body(detail::parser<IsRequest>& p, io::bytes_mut& buf)
{
    body_step step;
    // Beast 1.81 asserts that a final chunk it waited on ("0\r\n", then need_more) comes back
    // with at least 5 bytes: an empty chunked body fed one byte at a time failed that assertion.
    // A final chunk is at least 5 bytes ("0\r\n\r\n"), so waiting for as many costs nothing.
    if (p.chunked() && buf.size() < 5 && !buf.empty() && buf[0] == '0')
        return step;
    boost::beast::error_code ec;
    std::size_t const n = p.put(boost::asio::buffer(buf.data(), buf.size()), ec);
    auto const piece = p.take_piece();
    if (ec && ec != bh::error::need_more) {
        step.ec = ec;
        return step;
    }
    step.progress = n > 0;
    if (piece.empty()) {
        buf.advance(n);
        return step;
    }
    auto const offset = static_cast<std::size_t>(piece.data() - buf.data());
    buf.advance(offset);
    step.piece = buf.split_to(piece.size());
    buf.advance(n - offset - piece.size());
    return step;
}

template <class Frame>
io::decode_result<Frame> decode_error(boost::system::error_code ec)
{
    return io::decode_result<Frame>(boost::system::in_place_error, ec);
}

bool is_bodiless(unsigned code) noexcept
{
    return code / 100 == 1 || code == 204 || code == 304;
}

} // namespace

status status_for(boost::system::error_code const& ec) noexcept
{
    if (ec == bh::error::header_limit)
        return status::request_header_fields_too_large;
    if (ec == bh::error::body_limit)
        return status::payload_too_large;
    return status::bad_request;
}

// ---- server_codec

io::decode_result<request_frame> server_codec::fail(boost::system::error_code ec)
{
    refusal_ = status_for(ec);
    refused_in_body_ = read_ != read_state::head;
    read_ = read_state::closed;
    parser_.reset();
    return decode_error<request_frame>(ec);
}

void server_codec::finish_request() noexcept
{
    parser_.reset();
    continue_owed_ = false;
    read_ = keep_reading_ ? read_state::head : read_state::closed;
}

io::decode_result<request_frame> server_codec::decode(io::bytes_mut& buf)
{
    for (;;) {
        switch (read_) {
        case read_state::closed: return std::nullopt;
        case read_state::end_pending: finish_request(); return request_frame::end_of_body();
        case read_state::head: {
            if (buf.empty())
                return std::nullopt;
            if (!parser_) {
                parser_.emplace();
                parser_->header_limit(limits_.max_header_size);
                parser_->body_limit(limits_.max_body_size);
                head_read_ = 0;
            }
            boost::beast::error_code ec;
            std::size_t const n = parser_->put(boost::asio::buffer(buf.data(), buf.size()), ec);
            buf.advance(n);
            head_read_ += n;
            if (ec == bh::error::need_more)
                return std::nullopt;
            if (ec)
                return fail(ec);
            if (!parser_->is_header_done())
                continue;
            if (head_read_ > limits_.max_header_size)
                return fail(bh::error::header_limit);
            auto& head = parser_->head();
            bool const has_body = !parser_->is_done();
            keep_reading_ = parser_->keep_alive();
            pending_.push_back(
                request_info{head.method() == verb::head, keep_reading_, head.version()});
            ++heads_;
            auto const expect = head.find(field::expect);
            continue_owed_ = has_body && head.version() >= 11 && expect != head.end() &&
                             boost::beast::iequals(expect->value(), "100-continue");
            request_frame f = request_frame::message(std::move(head), has_body);
            if (has_body)
                read_ = read_state::body;
            else
                finish_request();
            return f;
        }
        case read_state::body: {
            if (buf.empty())
                return std::nullopt;
            auto step = parse_body(*parser_, buf);
            if (step.ec)
                return fail(step.ec);
            if (parser_->is_done())
                read_ = read_state::end_pending;
            if (step.piece) {
                continue_owed_ = false; // the client did not wait for it
                return request_frame::chunk(std::move(*step.piece));
            }
            if (!step.progress && read_ == read_state::body)
                return std::nullopt;
            break;
        }
        }
    }
}

io::decode_result<request_frame> server_codec::decode_eof(io::bytes_mut& buf)
{
    auto r = decode(buf);
    if (!r || *r)
        return r;
    if (read_ == read_state::closed || (read_ == read_state::head && !parser_ && buf.empty()))
        return std::nullopt;
    // The peer left in the middle of a request: nobody to answer.
    read_ = read_state::closed;
    parser_.reset();
    return decode_error<request_frame>(bh::error::partial_message);
}

io::encode_result server_codec::encode(response_frame&& frame, io::bytes_mut& dst)
{
    switch (frame.type()) {
    case response_frame::kind::message: {
        if (write_closed_)
            return {};
        if (pending_.empty())
            return make_error_code(error::unexpected_frame); // a response to no request
        request_info const req = pending_.pop_front();
        bh::response<bh::empty_body> msg(std::move(frame.head()));
        bool const has_body = frame.has_body();
        bool keep = req.keep_alive && msg.keep_alive();
        if (continue_owed_ && read_ == read_state::body && responses_ + 1 == heads_) {
            // Answered before its body was asked for: the client may send it or not.
            continue_owed_ = false;
            keep = false;
        }
        msg.version(req.version);
        auto mode = detail::body_writer::mode::none;
        std::uint64_t length = 0;
        if (req.head_method || is_bodiless(msg.result_int())) {
            // No body on the wire; the fields say what a GET would have had.
        } else if (has_body) {
            auto cl = detail::content_length_of(msg.base());
            if (!cl)
                return cl.error();
            if (*cl) {
                mode = detail::body_writer::mode::fixed;
                length = **cl;
            } else if (req.version >= 11) {
                msg.chunked(true);
                mode = detail::body_writer::mode::chunked;
            } else {
                mode = detail::body_writer::mode::to_eof;
                keep = false;
            }
        } else {
            msg.content_length(0);
        }
        msg.keep_alive(keep);
        if (auto r = detail::write_head(msg, dst); !r)
            return r;
        keep_writing_ = keep;
        body_.begin(mode, length);
        writing_ = true;
        if (!has_body)
            finish_response();
        return {};
    }
    case response_frame::kind::chunk:
        if (write_closed_ || !writing_)
            return {};
        return body_.chunk(frame.chunk(), dst);
    case response_frame::kind::end_of_body: {
        if (write_closed_ || !writing_)
            return {};
        auto r = body_.end(dst);
        finish_response();
        return r;
    }
    case response_frame::kind::error: return frame.error();
    }
    return make_error_code(error::unexpected_frame);
}

void server_codec::finish_response() noexcept
{
    writing_ = false;
    ++responses_;
    if (!keep_writing_) {
        write_closed_ = true;
        read_ = read_state::closed;
        parser_.reset();
    }
}

bool server_codec::interim(io::bytes_mut& dst)
{
    if (!continue_owed_ || read_ != read_state::body || writing_ || write_closed_ ||
        responses_ + 1 != heads_)
        return false;
    continue_owed_ = false;
    bh::response<bh::empty_body> msg(status::continue_, 11);
    return detail::write_head(msg, dst).has_value();
}

void server_codec::closing(io::bytes_mut& dst)
{
    if (!refusal_ || writing_ || write_closed_)
        return;
    if (responses_ != heads_ - (refused_in_body_ ? 1 : 0))
        return; // the answers before it are not all written: the client sees the connection end
    auto const reason = bh::obsolete_reason(*refusal_);
    bh::response<bh::empty_body> msg(*refusal_, 11);
    msg.set(field::content_type, "text/plain");
    msg.content_length(reason.size());
    msg.keep_alive(false);
    if (detail::write_head(msg, dst))
        dst.append(std::string_view(reason.data(), reason.size()));
    write_closed_ = true;
    refusal_.reset();
}

// ---- client_codec

void client_codec::finish_response() noexcept
{
    parser_.reset();
    read_ = keep_reading_ ? read_state::head : read_state::closed;
}

io::decode_result<response_frame> client_codec::decode(io::bytes_mut& buf)
{
    for (;;) {
        switch (read_) {
        case read_state::closed: return std::nullopt;
        case read_state::end_pending: finish_response(); return response_frame::end_of_body();
        case read_state::head: {
            if (buf.empty())
                return std::nullopt;
            if (!parser_) {
                parser_.emplace();
                parser_->header_limit(limits_.max_header_size);
                parser_->body_limit(limits_.max_body_size);
                if (!head_requests_.empty() && head_requests_.front())
                    parser_->skip(true);
                head_read_ = 0;
            }
            boost::beast::error_code ec;
            std::size_t const n = parser_->put(boost::asio::buffer(buf.data(), buf.size()), ec);
            buf.advance(n);
            head_read_ += n;
            if (ec == bh::error::need_more)
                return std::nullopt;
            if (!ec && parser_->is_header_done() && head_read_ > limits_.max_header_size)
                ec = bh::error::header_limit;
            if (ec) {
                read_ = read_state::closed;
                parser_.reset();
                return decode_error<response_frame>(ec);
            }
            if (!parser_->is_header_done())
                continue;
            auto& head = parser_->head();
            unsigned const code = head.result_int();
            if (code / 100 == 1 && code != 101) {
                parser_.reset(); // an interim response: the final one follows
                continue;
            }
            if (!head_requests_.empty())
                head_requests_.pop_front();
            keep_reading_ = parser_->keep_alive() && code != 101;
            bool const has_body = !parser_->is_done();
            response_frame f = response_frame::message(std::move(head), has_body);
            if (has_body)
                read_ = read_state::body;
            else
                finish_response();
            return f;
        }
        case read_state::body: {
            if (buf.empty())
                return std::nullopt;
            auto step = parse_body(*parser_, buf);
            if (step.ec) {
                read_ = read_state::closed;
                parser_.reset();
                return decode_error<response_frame>(step.ec);
            }
            if (parser_->is_done())
                read_ = read_state::end_pending;
            if (step.piece)
                return response_frame::chunk(std::move(*step.piece));
            if (!step.progress && read_ == read_state::body)
                return std::nullopt;
            break;
        }
        }
    }
}

io::decode_result<response_frame> client_codec::decode_eof(io::bytes_mut& buf)
{
    auto r = decode(buf);
    if (!r || *r)
        return r;
    if (read_ == read_state::closed || (read_ == read_state::head && !parser_ && buf.empty()))
        return std::nullopt;
    if (read_ == read_state::body && buf.empty() && parser_->need_eof()) {
        boost::beast::error_code ec;
        parser_->put_eof(ec);
        if (!ec) {
            keep_reading_ = false;
            finish_response();
            return response_frame::end_of_body();
        }
    }
    read_ = read_state::closed;
    parser_.reset();
    return decode_error<response_frame>(bh::error::partial_message);
}

io::encode_result client_codec::encode(request_frame&& frame, io::bytes_mut& dst)
{
    switch (frame.type()) {
    case request_frame::kind::message: {
        bh::request<bh::empty_body> msg(std::move(frame.head()));
        bool const has_body = frame.has_body();
        auto mode = detail::body_writer::mode::none;
        auto cl = detail::content_length_of(msg.base());
        if (!cl)
            return cl.error();
        std::uint64_t length = 0;
        if (has_body) {
            if (*cl) {
                mode = detail::body_writer::mode::fixed;
                length = **cl;
            } else if (msg.version() >= 11) {
                msg.chunked(true);
                mode = detail::body_writer::mode::chunked;
            } else {
                return make_error_code(error::invalid_frame); // HTTP/1.0 cannot send it unsized
            }
        } else if (!*cl && (msg.method() == verb::post || msg.method() == verb::put ||
                            msg.method() == verb::patch)) {
            msg.content_length(0);
        }
        if (auto r = detail::write_head(msg, dst); !r)
            return r;
        head_requests_.push_back(msg.method() == verb::head);
        body_.begin(mode, length);
        return {};
    }
    case request_frame::kind::chunk: return body_.chunk(frame.chunk(), dst);
    case request_frame::kind::end_of_body: return body_.end(dst);
    case request_frame::kind::error: return frame.error();
    }
    return make_error_code(error::unexpected_frame);
}

} // namespace protokit::http
