"""The error hierarchy (kg.errors): a status on every class, and every class survives pickling."""

from __future__ import annotations

import inspect
import pickle

import pytest

import kg.errors
from kg.errors import KGError, MethodNotAllowed, NotFound, StoreError, StoreFailed

ERRORS = [cls for _, cls in inspect.getmembers(kg.errors, inspect.isclass) if issubclass(cls, KGError)]


@pytest.mark.parametrize("cls", ERRORS, ids=lambda cls: cls.__name__)
def test_every_error_pickles_with_its_class_message_and_status(cls):
    error = cls('it went wrong: <é> "quoted"')
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is cls
    assert back.message == error.message == str(back)
    assert back.status == cls.status and back.title == cls.title
    assert 400 <= cls.status <= 599 and cls.title


def test_attributes_beyond_the_message_survive_pickling():
    back = pickle.loads(pickle.dumps(MethodNotAllowed("read-only", allowed=("GET", "HEAD"))))
    assert back.allowed == ("GET", "HEAD") and back.status == 405


def test_a_status_is_the_class_s():
    assert NotFound("x").status == 404
    assert issubclass(StoreFailed, StoreError) and StoreFailed("x").status == 502 and StoreError("x").status == 503
    assert {"WikidataError", "QueryFailed", "BulkRefused", "NoStore"} <= {cls.__name__ for cls in ERRORS}
