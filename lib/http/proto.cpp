// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/http/proto.hpp>

#include <protokit/error.hpp>

#include <boost/beast/http/error.hpp>

namespace protokit::http {

std::optional<response> server_proto::error_response(boost::system::error_code const& e) const
{
    status const s =
        e.category() == make_error_code(boost::beast::http::error::need_more).category()
            ? status_for(e)
        : e == error::timed_out ? status::request_timeout // the body came too slowly
                                : status::internal_server_error;
    auto const reason = boost::beast::http::obsolete_reason(s);
    response r = make_response(s, std::string_view(reason.data(), reason.size()));
    r.head().set(field::connection, "close");
    return r;
}

} // namespace protokit::http
