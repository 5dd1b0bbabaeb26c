// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/http/detail/writer.hpp>

#include <protokit/error.hpp>

#include <boost/asio/buffer.hpp>
#include <boost/beast/core/buffers_range.hpp>
#include <boost/beast/http/chunk_encode.hpp>
#include <boost/beast/http/serializer.hpp>

#include <charconv>
#include <string_view>

namespace protokit::http::detail {

namespace {

template <class ConstBufferSequence>
std::size_t append_buffers(ConstBufferSequence const& buffers, io::bytes_mut& dst)
{
    std::size_t n = 0;
    for (auto b : boost::beast::buffers_range_ref(buffers)) {
        dst.append(std::string_view(static_cast<char const*>(b.data()), b.size()));
        n += b.size();
    }
    return n;
}

} // namespace

template <bool IsRequest>
io::encode_result
write_head(boost::beast::http::message<IsRequest, boost::beast::http::empty_body>& m,
           io::bytes_mut& dst)
{
    boost::beast::http::serializer<IsRequest, boost::beast::http::empty_body> sr(m);
    sr.split(true);
    boost::beast::error_code ec;
    while (!sr.is_header_done()) {
        std::size_t written = 0;
        sr.next(ec, [&](boost::beast::error_code&, auto const& buffers) {
            written = append_buffers(buffers, dst);
        });
        if (ec)
            return ec;
        sr.consume(written);
    }
    return {};
}

template io::encode_result
write_head<true>(boost::beast::http::message<true, boost::beast::http::empty_body>&,
                 io::bytes_mut&);
template io::encode_result
write_head<false>(boost::beast::http::message<false, boost::beast::http::empty_body>&,
                  io::bytes_mut&);

io::encode_result body_writer::chunk(io::bytes const& c, io::bytes_mut& dst)
{
    switch (mode_) {
    case mode::none: return {};
    case mode::fixed:
        if (c.size() > remaining_)
            return make_error_code(error::invalid_frame); // more than the Content-Length said
        remaining_ -= c.size();
        dst.append(c.view());
        return {};
    case mode::chunked:
        if (c.empty())
            return {}; // an empty chunk would read as the last one
        append_buffers(boost::beast::http::chunk_header(c.size()), dst);
        dst.append(c.view());
        append_buffers(boost::beast::http::chunk_crlf(), dst);
        return {};
    case mode::to_eof: dst.append(c.view()); return {};
    }
    return {};
}

io::encode_result body_writer::end(io::bytes_mut& dst)
{
    mode const m = mode_;
    mode_ = mode::none;
    if (m == mode::fixed && remaining_ != 0)
        return make_error_code(error::invalid_frame); // less than the Content-Length said
    if (m == mode::chunked)
        append_buffers(boost::beast::http::make_chunk_last(), dst);
    return {};
}

boost::system::result<boost::optional<std::uint64_t>>
content_length_of(boost::beast::http::fields const& fields)
{
    auto it = fields.find(boost::beast::http::field::content_length);
    if (it == fields.end())
        return boost::optional<std::uint64_t>();
    auto const v = it->value();
    std::uint64_t n = 0;
    auto const [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec != std::errc() || end != v.data() + v.size() || v.empty())
        return make_error_code(error::invalid_frame);
    return boost::optional<std::uint64_t>(n);
}

} // namespace protokit::http::detail
