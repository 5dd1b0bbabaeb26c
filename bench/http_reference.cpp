// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
// The reference of bench_http: a hand-written single-threaded HTTP/1.1
// server on Boost.Beast and Asio, as Beast's own asynchronous server example
// is built (one io_context, a session per connection reading a request and
// writing its response in turn; pipelined requests are read from the same
// buffer), answering every request as http_server answers GET /.
//
//   bench_http_reference --listen HOST:PORT
//
// Prints "listening on HOST:PORT"; runs until killed.

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <iostream>
#include <memory>
#include <string>

namespace {

namespace net = boost::asio;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;

class session : public std::enable_shared_from_this<session> {
public:
    explicit session(tcp::socket socket) : socket_(std::move(socket)) {}

    void start() { read(); }

private:
    void read()
    {
        request_ = {};
        bhttp::async_read(socket_, buffer_, request_,
                          [self = shared_from_this()](boost::beast::error_code ec, std::size_t) {
                              if (!ec)
                                  self->respond();
                          });
    }

    void respond()
    {
        response_ = {};
        response_.result(bhttp::status::ok);
        response_.version(request_.version());
        response_.set(bhttp::field::content_type, "text/plain");
        response_.body() = "Hello, World!";
        response_.keep_alive(request_.keep_alive());
        response_.prepare_payload();
        bhttp::async_write(socket_, response_,
                           [self = shared_from_this()](boost::beast::error_code ec, std::size_t) {
                               if (!ec && self->response_.keep_alive())
                                   self->read();
                           });
    }

    tcp::socket socket_;
    boost::beast::flat_buffer buffer_;
    bhttp::request<bhttp::empty_body> request_;
    bhttp::response<bhttp::string_body> response_;
};

void accept(tcp::acceptor& acceptor)
{
    acceptor.async_accept([&acceptor](boost::beast::error_code ec, tcp::socket socket) {
        if (!ec) {
            socket.set_option(tcp::no_delay(true));
            std::make_shared<session>(std::move(socket))->start();
        }
        accept(acceptor);
    });
}

} // namespace

int main(int argc, char** argv)
{
    std::string listen = "127.0.0.1:0";
    if (argc == 3 && std::string(argv[1]) == "--listen")
        listen = argv[2];
    else if (argc != 1) {
        std::cerr << "usage: bench_http_reference --listen HOST:PORT" << std::endl;
        return 2;
    }
    auto const colon = listen.rfind(':');
    net::io_context ioc(1);
    tcp::acceptor acceptor(ioc, {net::ip::make_address(listen.substr(0, colon)),
                                 static_cast<unsigned short>(std::stoi(listen.substr(colon + 1)))});
    std::cout << "listening on " << acceptor.local_endpoint() << std::endl;
    accept(acceptor);
    ioc.run();
    return 0;
}
