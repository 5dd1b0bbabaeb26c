// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_HTTP_DETAIL_PARSER_HPP
#define PROTOKIT_HTTP_DETAIL_PARSER_HPP

#include <boost/beast/http/basic_parser.hpp>
#include <boost/beast/http/message.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace protokit::http::detail {

/** Beast's parser, with a head as its product and the body handed out piece by piece.

    The head is built as the start line and the fields are parsed; the
    trailer fields of a chunked body are parsed (Beast checks them) and
    dropped. A piece of the body is not copied: `take_piece()` gives the
    bytes of the input, in the buffer given to the last `put`, that the
    last `put` found to be body. Beast parses one step per `put` (the head,
    a chunk header, a piece of body), so there is at most one piece each
    time.
*/
template <bool IsRequest>
class parser final : public boost::beast::http::basic_parser<IsRequest> {
public:
    using head_type = boost::beast::http::header<IsRequest>;

    parser() = default;

    /// The head, complete once `is_header_done()`.
    head_type& head() noexcept { return head_; }

    /// The body's bytes found by the last `put` (empty if none), and forgets them.
    std::string_view take_piece() noexcept
    {
        std::string_view p = piece_;
        piece_ = {};
        return p;
    }

private:
    using error_code = boost::beast::error_code;
    using string_view = boost::beast::string_view;

    void on_request_impl(boost::beast::http::verb method, string_view method_str,
                         string_view target, int version, error_code& ec) override;
    void on_response_impl(int code, string_view reason, int version, error_code& ec) override;
    void on_field_impl(boost::beast::http::field name, string_view name_string, string_view value,
                       error_code& ec) override;
    void on_header_impl(error_code& ec) override;
    void on_body_init_impl(boost::optional<std::uint64_t> const& content_length,
                           error_code& ec) override;
    std::size_t on_body_impl(string_view body, error_code& ec) override;
    void on_chunk_header_impl(std::uint64_t size, string_view extensions, error_code& ec) override;
    std::size_t on_chunk_body_impl(std::uint64_t remain, string_view body, error_code& ec) override;
    void on_finish_impl(error_code& ec) override;

    head_type head_;
    std::string_view piece_;
    bool in_trailer_ = false;
};

extern template class parser<true>;
extern template class parser<false>;

} // namespace protokit::http::detail

#endif
