"""A live server for tests: ``create_app`` under waitress, on 127.0.0.1 and a free port."""

from __future__ import annotations

import os
import threading

import pytest


class Server:
    """A waitress server for an app, in a background thread; ``close()`` stops it from its own loop."""

    def __init__(self, app, **options) -> None:
        """``options`` are waitress's (4 threads unless said)."""
        from waitress.server import create_server

        self.app = app
        self._srv = create_server(app, host="127.0.0.1", port=0, **{"threads": 4, **options})
        self.url = f"http://127.0.0.1:{self._srv.effective_port}"
        self._thread = threading.Thread(target=self._srv.run, daemon=True, name="test-waitress")
        self._thread.start()

    def close(self) -> None:
        # Closing waitress's sockets from this thread races its select() loop (EBADF, sockets
        # left to the GC): ask the loop thread to close every channel, and wait for it to end.
        # The trigger is only taken out of the loop there, and closed here once the task
        # threads are gone too: a task thread may wake the loop between our thunk's append and
        # our own pull, and a trigger closed by then would make a pull write to a dead (or
        # reused) fd.
        from waitress import wasyncore

        srv = self._srv

        def stop() -> None:
            for channel in list(srv._map.values()):
                if channel is srv.trigger:
                    channel.del_channel()
                elif channel is srv:
                    wasyncore.dispatcher.close(srv)  # the listening socket (srv.close() shuts the trigger too)
                else:
                    channel.close()

        srv.trigger.pull_trigger(stop)
        self._thread.join(10)
        srv.task_dispatcher.shutdown()
        srv.trigger.close()
        store = self.app.extensions.get("kg.store")
        if store is not None:
            store.close()


def make_app(store_path, **config):
    """``create_app`` over the store at ``store_path``, with no KG_* variable of the shell leaking in."""
    from server import create_app

    with pytest.MonkeyPatch.context() as mp:  # often module-scoped: isolate KG_* by hand
        for key in [k for k in os.environ if k.startswith("KG_")]:
            mp.delenv(key)
        return create_app({"store": str(store_path), **config})
