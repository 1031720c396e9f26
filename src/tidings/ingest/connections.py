"""The connections tidings fetches over: each keeps to a deadline and to the address policy.

A deadline is set with ``with time_limit(seconds):``; inside it every network wait (resolving a
name, connecting, the TLS handshake, sending, each read of the status line, headers and body)
is cut to the time left, so a server that sends one byte a second cannot stretch a download
past it. Limits nest: an inner one never ends later than the outer one.

:class:`GuardedNetwork` opens the connections: it resolves the host itself, refuses it when an
address is not public (see :mod:`tidings.ingest.addresses`; unless ``allow_private``), then
connects to one of the very addresses it checked. A name that resolves to a public address
when checked and to a private one when connected (DNS rebinding) cannot slip through, and TLS
is still verified against the host name. :class:`GuardedTransport` is an httpx transport that
uses it. A response that came another way (an injected client) is checked by its peer address
with :func:`check_peer`, which comes later: the request has been sent by then, but nothing it
answers is read.
"""

from __future__ import annotations

import ipaddress
import queue
import ssl
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import httpcore
import httpx

from tidings.ingest.addresses import (
    IPAddress,
    Resolver,
    check_addresses,
    system_resolver,
)

__all__ = ["GuardedNetwork", "GuardedTransport", "check_peer", "time_left", "time_limit"]

_deadline: ContextVar[float | None] = ContextVar("tidings_fetch_deadline", default=None)

# what httpcore raises, as the httpx error of the same meaning (most specific first)
_HTTPX_ERRORS: tuple[tuple[type[Exception], type[httpx.TransportError]], ...] = (
    (httpcore.ConnectTimeout, httpx.ConnectTimeout),
    (httpcore.ReadTimeout, httpx.ReadTimeout),
    (httpcore.WriteTimeout, httpx.WriteTimeout),
    (httpcore.PoolTimeout, httpx.PoolTimeout),
    (httpcore.ConnectError, httpx.ConnectError),
    (httpcore.ReadError, httpx.ReadError),
    (httpcore.WriteError, httpx.WriteError),
    (httpcore.UnsupportedProtocol, httpx.UnsupportedProtocol),
    (httpcore.RemoteProtocolError, httpx.RemoteProtocolError),
    (httpcore.LocalProtocolError, httpx.LocalProtocolError),
    (httpcore.ProxyError, httpx.ProxyError),
    (httpcore.TimeoutException, httpx.TimeoutException),
    (httpcore.NetworkError, httpx.NetworkError),
    (httpcore.ProtocolError, httpx.ProtocolError),
)


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Every network wait inside ends at most ``seconds`` from now."""
    ends = time.monotonic() + seconds
    outer = _deadline.get()
    token = _deadline.set(ends if outer is None else min(outer, ends))
    try:
        yield
    finally:
        _deadline.reset(token)


def time_left() -> float | None:
    """Seconds until the current deadline (0 or less: it has passed); None without one."""
    ends = _deadline.get()
    return None if ends is None else ends - time.monotonic()


def _bounded(timeout: float | None, overdue: type[httpcore.TimeoutException]) -> float | None:
    """``timeout`` cut to the time left; raise ``overdue`` when none is left."""
    left = time_left()
    if left is None:
        return timeout
    if left <= 0:
        raise overdue("the time allowed for this download is up")
    return left if timeout is None else min(timeout, left)


class GuardedNetwork(httpcore.NetworkBackend):
    """An httpcore network backend that connects only to checked addresses, within the deadline.

    ``resolver`` turns a host into addresses (the system's by default); ``backend`` makes the
    connections to them (httpcore's own socket backend by default). Tests replace both to
    serve a made-up public host from a local server."""

    def __init__(
        self,
        *,
        allow_private: bool,
        resolver: Resolver = system_resolver,
        backend: httpcore.NetworkBackend | None = None,
    ) -> None:
        self._allow_private = allow_private
        self._resolver = resolver
        self._backend = backend if backend is not None else httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = self._resolve(host, port, timeout)
        if not self._allow_private:
            check_addresses(host, addresses)
        failure = httpcore.ConnectError(f"{host} has no address")
        for address in addresses:  # in the resolver's order, as socket.create_connection does
            try:
                stream = self._backend.connect_tcp(
                    str(address),
                    port,
                    _bounded(timeout, httpcore.ConnectTimeout),
                    local_address,
                    socket_options,
                )
            except httpcore.ConnectError as error:
                failure = error
                continue
            return _CheckedStream(stream)
        raise failure

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("tidings fetches over TCP only, not Unix sockets")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)

    def _resolve(self, host: str, port: int, timeout: float | None) -> Sequence[IPAddress]:
        """The resolver's answer, given up on when the time is up: a system resolver cannot
        be interrupted, so it runs in a thread of its own that is left to finish alone."""
        wait = _bounded(timeout, httpcore.ConnectTimeout)
        answers: queue.SimpleQueue[Sequence[IPAddress] | Exception] = queue.SimpleQueue()

        def resolve() -> None:
            try:
                answers.put(self._resolver(host, port))
            except Exception as error:  # handed over to the waiting thread
                answers.put(error)

        threading.Thread(target=resolve, name=f"resolve {host}", daemon=True).start()
        try:
            answer = answers.get(timeout=wait)
        except queue.Empty:
            raise httpcore.ConnectTimeout(f"resolving {host} took too long") from None
        if isinstance(answer, Exception):
            reason = getattr(answer, "strerror", None) or str(answer) or type(answer).__name__
            raise httpcore.ConnectError(f"cannot resolve {host}: {reason}")
        return answer


class _CheckedStream(httpcore.NetworkStream):
    """A connection GuardedNetwork opened to a checked address; each wait cut to the deadline."""

    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, _bounded(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, _bounded(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        wait = _bounded(timeout, httpcore.ConnectTimeout)
        return _CheckedStream(self._stream.start_tls(ssl_context, server_hostname, wait))

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


def check_peer(response: httpx.Response) -> None:
    """Raise AddressRefused when ``response`` came over a connection GuardedNetwork did not
    open, from an address that is not public. A response without a network stream (a mock
    transport) passes."""
    stream = response.extensions.get("network_stream")
    if stream is None or isinstance(stream, _CheckedStream):
        return
    peer = stream.get_extra_info("server_addr")
    if isinstance(peer, tuple) and peer:
        address = ipaddress.ip_address(str(peer[0]).split("%")[0])
        check_addresses(response.url.host, [address])


class GuardedTransport(httpx.BaseTransport):
    """An httpx transport over an httpcore connection pool whose connections are opened by
    ``network`` (a GuardedNetwork). No proxy: the address checked must be the one fetched."""

    def __init__(self, network: httpcore.NetworkBackend) -> None:
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            keepalive_expiry=5.0,
            network_backend=network,
        )

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        assert isinstance(request.stream, httpx.SyncByteStream)
        sent = httpcore.Request(
            method=request.method,
            url=httpcore.URL(
                scheme=request.url.raw_scheme,
                host=request.url.raw_host,
                port=request.url.port,
                target=request.url.raw_path,
            ),
            headers=request.headers.raw,
            content=request.stream,
            extensions=request.extensions,
        )
        with _as_httpx_errors():
            answer = self._pool.handle_request(sent)
        assert isinstance(answer.stream, Iterable)
        return httpx.Response(
            status_code=answer.status,
            headers=answer.headers,
            stream=_Body(answer.stream),
            extensions=answer.extensions,
        )

    def close(self) -> None:
        self._pool.close()


class _Body(httpx.SyncByteStream):
    """A response body from the pool, raising httpx errors."""

    def __init__(self, stream: Iterable[bytes]) -> None:
        self._stream = stream

    def __iter__(self) -> Iterator[bytes]:
        with _as_httpx_errors():
            yield from self._stream

    def close(self) -> None:
        close = getattr(self._stream, "close", None)
        if close is not None:
            close()


@contextmanager
def _as_httpx_errors() -> Iterator[None]:
    """httpcore's errors as httpx's; any other (AddressRefused ...) as it is."""
    try:
        yield
    except Exception as error:
        for core, mapped in _HTTPX_ERRORS:
            if isinstance(error, core):
                raise mapped(str(error)) from error
        raise
