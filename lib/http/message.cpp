// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/http/message.hpp>

#include <string>

namespace protokit::http {

response make_response(status s, std::string_view text, std::string_view content_type)
{
    response_head head;
    head.result(s);
    head.version(11);
    head.set(field::content_type, content_type);
    head.set(field::content_length, std::to_string(text.size()));
    if (text.empty())
        return response(std::move(head));
    return response(std::move(head), body::from(io::bytes(text)));
}

request_head make_request_head(verb method, std::string_view target, std::string_view host)
{
    request_head head;
    head.method(method);
    head.target(target);
    head.version(11);
    head.set(field::host, host);
    return head;
}

} // namespace protokit::http
