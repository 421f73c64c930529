"""The settings registry: precedence, types, documentation."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import ConfigError
from kg.settings import SETTINGS, load_settings

README = Path(__file__).resolve().parent.parent / "README.md"


def test_precedence_default_file_env_override(tmp_path):
    cfg = tmp_path / "kg.toml"
    cfg.write_text('port = 6000\nstore = "from-file"\nonline = true\n')
    s = load_settings(environ={}, config_file=cfg)
    assert (s.port, s.store, s.online) == (6000, "from-file", True)
    s = load_settings(environ={"KG_STORE": "from-env", "KG_PORT": "7000"}, config_file=cfg)
    assert (s.port, s.store) == (7000, "from-env")
    s = load_settings({"store": "from-flag", "port": None}, environ={"KG_STORE": "from-env"}, config_file=cfg)
    assert (s.store, s.port) == ("from-flag", 6000)


def test_defaults():
    s = load_settings(environ={})
    assert s.store == "kg-store" and s.port == 5000 and s.online is False
    assert s.service_allowlist == ()


def test_bad_values_are_config_errors(tmp_path):
    with pytest.raises(ConfigError, match="KG_PORT"):
        load_settings(environ={"KG_PORT": "many"})
    with pytest.raises(ConfigError, match="unknown setting"):
        load_settings({"prot": 1}, environ={})
    bad = tmp_path / "bad.toml"
    bad.write_text("stroe = 'x'\n")
    with pytest.raises(ConfigError, match="stroe"):
        load_settings(environ={}, config_file=bad)


def test_lists_and_booleans_from_env():
    s = load_settings(
        environ={"KG_SERVICE_ALLOWLIST": "https://a/sparql, https://b/sparql", "KG_UNION_DEFAULT_GRAPH": "no"}
    )
    assert s.service_allowlist == ("https://a/sparql", "https://b/sparql")
    assert s.union_default_graph is False


def test_every_setting_is_documented_in_readme():
    text = README.read_text(encoding="utf-8")
    missing = [s.name for s in SETTINGS if f"`{s.name}`" not in text]
    assert not missing, f"settings missing from README.md: {missing}"
