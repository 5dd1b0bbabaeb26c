// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/http/detail/parser.hpp>

namespace protokit::http::detail {

template <bool IsRequest>
void parser<IsRequest>::on_request_impl(boost::beast::http::verb method, string_view method_str,
                                        string_view target, int version, error_code&)
{
    if constexpr (IsRequest) {
        if (method == boost::beast::http::verb::unknown)
            head_.method_string(method_str);
        else
            head_.method(method);
        head_.target(target);
        head_.version(static_cast<unsigned>(version));
    }
}

template <bool IsRequest>
void parser<IsRequest>::on_response_impl(int code, string_view reason, int version, error_code&)
{
    if constexpr (!IsRequest) {
        head_.result(static_cast<unsigned>(code));
        head_.reason(reason);
        head_.version(static_cast<unsigned>(version));
    }
}

template <bool IsRequest>
void parser<IsRequest>::on_field_impl(boost::beast::http::field name, string_view name_string,
                                      string_view value, error_code&)
{
    if (!in_trailer_)
        head_.insert(name, name_string, value);
}

template <bool IsRequest>
void parser<IsRequest>::on_header_impl(error_code&)
{
    in_trailer_ = true; // fields from now on are a chunked body's trailer
}

template <bool IsRequest>
void parser<IsRequest>::on_body_init_impl(boost::optional<std::uint64_t> const&, error_code&)
{
}

template <bool IsRequest>
std::size_t parser<IsRequest>::on_body_impl(string_view body, error_code&)
{
    piece_ = std::string_view(body.data(), body.size());
    return body.size();
}

template <bool IsRequest>
void parser<IsRequest>::on_chunk_header_impl(std::uint64_t, string_view, error_code&)
{
}

template <bool IsRequest>
std::size_t parser<IsRequest>::on_chunk_body_impl(std::uint64_t, string_view body, error_code&)
{
    piece_ = std::string_view(body.data(), body.size());
    return body.size();
}

template <bool IsRequest>
void parser<IsRequest>::on_finish_impl(error_code&)
{
}

template class parser<true>;
template class parser<false>;

} // namespace protokit::http::detail
