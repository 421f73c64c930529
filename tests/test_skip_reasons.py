"""Tests that need the shared data beside the repo (``../shared``, absent from a user's clone) say,
when they skip, the very path they looked at -- not a folder of some other machine (issue 19)."""

from __future__ import annotations

import pytest

from . import test_gazetteer, test_mappers, test_queries_on_mapped


def _skip_reason(test) -> str:
    [mark] = [m for m in getattr(test, "pytestmark", []) if m.name == "skipif"]
    return mark.kwargs["reason"]


@pytest.mark.parametrize(
    ("test", "path"),
    [
        (test_mappers.test_seed_gold_maps_and_conforms, test_mappers.SEED_GOLD),
        (test_mappers.test_every_dev_gold_file_maps_and_conforms, test_mappers.SHARED_DEV),
        (test_queries_on_mapped.test_queries_on_the_mapped_seed_gold, test_queries_on_mapped.SEED_GOLD),
        (test_gazetteer.test_bundled_file_matches_a_rebuild, test_gazetteer.SHARED_SOURCE),
    ],
    ids=["seed-gold", "dev-gold", "queries-on-seed-gold", "gazetteer-sources"],
)
def test_a_skip_names_the_path_it_looked_at(test, path):
    assert str(path) in _skip_reason(test)
