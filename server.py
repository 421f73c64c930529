"""The composition root: build the Flask app from settings, and run it with waitress.

``create_app(config)`` resolves the settings (``kg.settings.load_settings``), opens the
store, and registers the blueprints and the app-wide handlers.  Nothing is created at
import time; tests and ``kg serve`` build their apps with the same function.

Writes (SPARQL Update, Graph Store PUT/POST/DELETE) are enabled by an update token: the
``KG_UPDATE_TOKEN`` environment variable, or ``config["update_token"]`` (for tests); it
is a secret, so it is not a setting and never read from a config file.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from flask import Flask

from kg.errors import ConfigError, StoreError
from kg.query import allocator
from kg.query.workers import QueryPool, default_memory_mb
from kg.resources import queries_dir
from kg.settings import Settings, load_settings
from kg.sparql.named import load_named_queries
from kg.store import is_local, open_store, takes_endpoint_writes
from kg.store.embedded import Store, check_complete
from kg.web.conditional import Generation, ResultCache, conditional, status_blueprint, waiting_bound
from kg.web.cors import install_cors
from kg.web.dump import dump_blueprint
from kg.web.entities import entity_blueprint
from kg.web.errors import register_error_handlers
from kg.web.gsp import gsp_blueprint
from kg.web.inline import threads_only
from kg.web.lookups import lookup_fast_path
from kg.web.named import named_blueprint
from kg.web.ontology_page import ontology_blueprint
from kg.web.revalidation import RevalidationMemo
from kg.web.security import fixed_origin, install_security, public_url
from kg.web.serving import (
    Role,
    StartFailed,
    Supervisor,
    adapt_server,
    balance_accepts,
    follow_writes,
    forward_writes,
    limit_malloc_arenas,
    open_view,
    process_count,
    publish_view,
    view_path,
    worker_share,
)
from kg.web.sparql import sparql_blueprint
from kg.web.ui import ui_blueprint
from kg.web.writes import WriteAccess

#: The environment variable holding the bearer token that enables writes.
UPDATE_TOKEN_ENV = "KG_UPDATE_TOKEN"

log = logging.getLogger("kg.server")


def create_app(config: Mapping[str, Any] | None = None, *, role: Role | None = None) -> Flask:
    """A ready app over the store that the settings name.

    The store stays open for the app's life; ``app.extensions["kg.store"]`` holds it
    (close it when done, e.g. in tests), ``app.extensions["kg.settings"]`` the settings.
    ``config["update_token"]`` (else ``KG_UPDATE_TOKEN``) enables writes.  ``role``: this
    app is one of several HTTP processes (:mod:`kg.web.serving`): the writer, or a reader
    over a read-only view that follows it and forwards writes to it.
    """
    config = dict(config or {})
    token = config.pop("update_token", None)
    if token is None:
        token = os.environ.get(UPDATE_TOKEN_ENV)
    settings = load_settings(config)
    origin = public_url(settings)  # a bad public_url is a ConfigError before the store opens
    named_queries = load_named_queries(queries_dir())  # a bad .rq is a ConfigError here, before the store opens
    query_malloc = allocator.resolve(settings.query_allocator)  # one the system lacks: likewise
    reader = role is not None and not role.writer
    if role is not None and reader:
        view = view_path(settings.store, role.shared.value)
        store = open_view(view, union_default_graph=settings.union_default_graph)
    else:
        store = open_store(settings.store, union_default_graph=settings.union_default_graph, settings=settings)
    try:
        check_complete(store)  # never serve what an interrupted `kg ingest --bulk` left half-written
    except StoreError:
        store.close()
        raise
    app = Flask("summit-kg")
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body_bytes
    app.extensions["kg.store"] = store
    app.extensions["kg.settings"] = settings
    register_error_handlers(app, max_body_bytes=settings.max_body_bytes)
    install_cors(app, settings.cors_origins)
    install_security(app)
    pool = None
    if settings.query_timeout_s > 0 and is_local(store):  # an external store keeps its own limits
        # several HTTP processes divide the workers, and the default memory limit is shared by all of them
        # (each process: its share of /sparql workers, one light-query worker, its share of page workers)
        processes = role.processes if role is not None else 1
        workers = worker_share(settings.query_workers, processes)
        pool = QueryPool(
            store.path,
            size=workers,
            union_default_graph=settings.union_default_graph,
            memory_mb=settings.query_memory_mb
            or default_memory_mb(max(settings.query_workers + 2, (workers + 2) * processes)),
            isolate_network=not settings.service_allowlist,
            queue=settings.query_queue,
            page_size=worker_share(settings.page_workers, processes),
            malloc=query_malloc,
        )
        app.extensions["kg.query_pool"] = pool
        _close_with(store, pool)
    generation = Generation(role.shared if role is not None else None)
    prepare = None
    if role is not None and role.writer:
        prepare = _publish(store, pool, settings.query_timeout_s)
        generation.bump(prepare)  # the readers' first view (or, started again, the store may have changed)
    elif role is None and pool is not None:
        # one process: its query workers open views too, never the live folder (see kg.web.serving)
        views = view_path(store.path, 0).parent
        shutil.rmtree(views, ignore_errors=True)  # a previous server's
        prepare = _publish(store, pool, settings.query_timeout_s)
        prepare(generation.value)
        _close_with(store, None, views)
    cache = (
        ResultCache(settings.result_cache_mb * 2**20, max_waiting=waiting_bound(settings.threads))
        if settings.result_cache_mb
        else None
    )
    app.extensions["kg.generation"], app.extensions["kg.result_cache"] = generation, cache
    # the 304s this process's loop answers from their bytes (kg serve's server uses it: adapt_server)
    memo = app.extensions["kg.revalidation_memo"] = RevalidationMemo(generation.latest)
    writes = None
    if token and reader:
        # every write is forwarded to the writer before it gets here; this only makes the endpoint answer
        # as the writer's does (a GET with an update, the Service Description)
        writes = WriteAccess(token)
    elif token and takes_endpoint_writes(store):
        writes = WriteAccess(token, after_write=_after_write(store, pool, generation, prepare))
        app.extensions["kg.writes"] = writes
    app.register_blueprint(sparql_blueprint(store, settings, pool, writes))
    app.register_blueprint(gsp_blueprint(store, settings, writes))
    app.register_blueprint(dump_blueprint(store, settings))
    app.register_blueprint(named_blueprint(store, settings, named_queries, pool))
    app.register_blueprint(ui_blueprint(named_queries))
    app.register_blueprint(status_blueprint(generation, cache, memo))
    app.register_blueprint(ontology_blueprint())  # last: entity and ontology paths yield to the routes above
    app.register_blueprint(entity_blueprint(store, settings, pool))
    flask = threads_only(app.wsgi_app)  # the server's loop tries only what needs no thread (kg.web.inline)
    served = conditional(lookup_fast_path(flask, store, settings), generation, cache, settings.cache_control)
    if reader:
        served = follow_writes(served, generation, _reopen(store, pool, settings.store))
    wsgi: Callable[..., Iterable[bytes]] = fixed_origin(served, origin, settings.host)
    if role is not None and reader:
        wsgi = forward_writes(wsgi, role.writer_port, settings.max_body_bytes)
    app.wsgi_app = wsgi  # type: ignore[method-assign]
    return app


def _publish(store: Store, pool: QueryPool | None, timeout_s: float):
    """The writer's side of several HTTP processes: after a write, a view of the store for the readers
    (:func:`kg.web.serving.publish_view`), which the writer's own query workers open too."""
    base = store.path

    def prepare(generation: int) -> None:
        publish_view(store, generation, grace_s=max(60.0, 2 * timeout_s))
        if pool is not None:
            pool.path = str(view_path(base, generation))
            pool.refresh()

    return prepare


def _reopen(store: Store, pool: QueryPool | None, base: str):
    """A reader's catch-up with the writer: the view of the new generation, in this process and in
    the query workers that replace the current ones."""

    def reopen(generation: int) -> None:
        fresh = open_view(view_path(base, generation), union_default_graph=store.union_default_graph)
        store.ox, store.path = fresh.ox, fresh.path  # requests under way keep the view they hold
        if pool is not None:
            pool.path = str(fresh.path)
            pool.refresh()

    return reopen


def _after_write(store, pool: QueryPool | None, generation: Generation, prepare=None):
    """What follows each write: flush it to disk, then let the query workers reopen their snapshot.

    A read-only open replays the unflushed log (about 1 s per 100,000 quads written since
    the last flush), and every worker reopens after every write: flushing keeps that short.
    With several HTTP processes, ``prepare`` makes the new view and moves the workers to it.
    """

    def after_write() -> None:
        store.flush()
        if pool is not None and prepare is None:
            pool.refresh()
        generation.bump(prepare)  # before the write's answer: no later read gets an older cached answer or a 304

    return after_write


def _close_with(store, pool: QueryPool | None, views: Path | None = None) -> None:
    """Closing the store (the app's owner does, e.g. ``run`` or a test) stops the query workers too,
    or removes the views."""
    close = store.close

    def close_both() -> None:
        if pool is not None:
            pool.close()
        close()
        if views is not None:
            shutil.rmtree(views, ignore_errors=True)

    store.close = close_both


def max_header_bytes(settings: Mapping[str, Any]) -> int:
    """Room in the request line for a GET query of ``max_query_bytes``: percent-encoding takes
    up to 3 bytes per byte, and waitress's own default (256 KiB) would answer a 90 KB query
    with its 431 instead of running it."""
    return max(262_144, 3 * int(settings["max_query_bytes"]) + 65_536)


def server_options(settings: Settings) -> dict[str, Any]:
    """The waitress options ``kg serve`` runs with (tests start their live servers with them too)."""
    return {
        "threads": settings.threads,
        "ident": "summit-kg",
        "max_request_header_size": max_header_bytes(settings),
        # keeps reading the socket while a request is served, so that a client that leaves
        # is seen (environ["waitress.client_disconnected"]) and its queued query dropped
        "channel_request_lookahead": 1,
    }


def run(settings: Settings | Mapping[str, Any]) -> None:
    """Serve the app with waitress (``kg serve``) until interrupted; closes the store after.

    With ``processes`` > 1 (0: one per core), several HTTP processes share the socket
    (:mod:`kg.web.serving`); with 1, this process serves alone.  A port that cannot be had
    (taken, or not ours to use) is a :class:`ConfigError` that says how to pick another;
    "serving ..." is logged only once the socket listens.
    """
    import waitress.server  # noqa: PLC0415  (only the serving path needs it)

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    config = dict(settings)
    given = load_settings({k: v for k, v in config.items() if k != "update_token"})
    limit_malloc_arenas(given.malloc_arenas)  # before any thread starts; the HTTP processes fork from here
    processes = process_count(given)
    if processes > 1:
        _run_processes(config, given, processes)
        return
    app = create_app(config)
    resolved = app.extensions["kg.settings"]
    try:
        try:
            server = waitress.server.create_server(
                app, host=resolved.host, port=resolved.port, **server_options(resolved)
            )
        except OSError as exc:
            raise _unusable_port(resolved.host, resolved.port, exc) from None
        adapt_server(server, inline=True, memo=app.extensions["kg.revalidation_memo"])
        log.info(
            "serving %s at http://%s:%s/sparql",
            resolved.store,
            _url_host(resolved.host),
            getattr(server, "effective_port", resolved.port),
        )
        _log_writes("kg.writes" in app.extensions)
        server.run()
    finally:
        app.extensions["kg.store"].close()


def _log_writes(enabled: bool) -> None:
    if enabled:
        log.info(
            "writes are enabled (%s is set): SPARQL Update on /sparql, PUT/POST/DELETE on /store", UPDATE_TOKEN_ENV
        )


def _run_processes(config: dict[str, Any], resolved: Settings, processes: int) -> None:
    """Several HTTP processes on one socket: the first the writer, the others readers (:mod:`kg.web.serving`).

    ``resolved``: ``config``'s settings (but its update token, which each process's app reads itself)."""
    import socket  # noqa: PLC0415

    import waitress.server  # noqa: PLC0415

    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            resolved.host, resolved.port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
        listener = socket.socket(family, kind, proto)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(address)
        listener.listen(1024)
    except OSError as exc:
        raise _unusable_port(resolved.host, resolved.port, exc) from None

    def serve_one(role: Role, ready) -> None:
        app = create_app(config, role=role)
        try:
            server = waitress.server.create_server(app, sockets=list(role.sockets), **server_options(resolved))
            adapt_server(server, inline=True, memo=app.extensions["kg.revalidation_memo"])
            if role.connections is not None:
                balance_accepts(server, listener, role.connections, role.index)
            ready()
            if role.writer:
                _log_writes("kg.writes" in app.extensions)
            server.run()
        finally:
            app.extensions["kg.store"].close()

    def listening() -> None:
        log.info(
            "serving %s at http://%s:%s/sparql (%d HTTP processes; setting processes)",
            resolved.store,
            _url_host(resolved.host),
            listener.getsockname()[1],
            processes,
        )

    try:
        Supervisor(serve_one, processes, listener, view_path(resolved.store, 0).parent).run(listening)
    except StartFailed as exc:
        raise ConfigError(str(exc)) from None
    finally:
        listener.close()


def _unusable_port(host: str, port: int, exc: OSError) -> ConfigError:
    """The one-line error of a port ``kg serve`` cannot listen on."""
    import errno  # noqa: PLC0415

    other = port + 1 if 0 < port < 65535 else 5001
    how = f"choose another with --port {other} (or KG_PORT={other})"
    if exc.errno == errno.EADDRINUSE:
        return ConfigError(f"port {port} on {host} is already in use (another `kg serve`?): {how}")
    if exc.errno == errno.EACCES:
        return ConfigError(f"no permission to listen on port {port} on {host}: {how}")
    return ConfigError(f"cannot listen on {host} port {port}: {exc.strerror or exc}; check --host (KG_HOST) or {how}")


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host
