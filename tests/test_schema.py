"""The JSON schema of the plugin's options (``mkdocs_fieldnotes/schema.json``).

Editors validate ``mkdocs.yml`` with it (yaml-language-server, like Material's own
``schema.json``), so it must list exactly the options of :class:`FieldnotesConfig`, with the
same defaults and the docstrings as descriptions, and its constraints must never reject a
value that ``validate.check_config`` accepts. ``jsonschema`` is not a dependency of this
project, so a small checker below covers the keywords the schema uses (and the schema is
checked to use no others).
"""

from __future__ import annotations

import ast
import inspect
import json
import re
import subprocess
import sys
import tarfile
import zipfile
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.config.config_options import Deprecated
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from mkdocs_fieldnotes import config as config_module
from mkdocs_fieldnotes.config import FieldnotesConfig
from mkdocs_fieldnotes.validate import check_config

REPO = Path(__file__).resolve().parent.parent
SCHEMA_FILE = REPO / "mkdocs_fieldnotes" / "schema.json"

JSON_TYPES = {"string", "integer", "number", "boolean", "array", "object", "null"}
# Every keyword the schema may use for an option: _conforms() implements the ones that
# constrain values, so a new keyword must be added there before the schema can use it.
OPTION_KEYWORDS = {
    "type",
    "description",
    "markdownDescription",
    "default",
    "examples",
    "minimum",
    "maximum",
    "minItems",
    "items",
    "pattern",
    "enum",
}


def load_schema() -> dict[str, Any]:
    """The schema as the installed package ships it."""
    text = resources.files("mkdocs_fieldnotes").joinpath("schema.json").read_text("utf-8")
    data = json.loads(text)
    assert isinstance(data, dict)
    return data


def option_schemas() -> dict[str, dict[str, Any]]:
    """``properties`` of the ``{"fieldnotes": {...}}`` form."""
    object_form = next(s for s in load_schema()["oneOf"] if s.get("type") == "object")
    properties = object_form["properties"]["fieldnotes"]["properties"]
    assert isinstance(properties, dict)
    return properties


def config_defaults() -> dict[str, Any]:
    """Every option of FieldnotesConfig with its default, in declaration order."""
    options = FieldnotesConfig()
    options.load_dict({})
    errors, warnings = options.validate()
    assert (errors, warnings) == ([], [])
    renamed = {name for name, option in FieldnotesConfig._schema if isinstance(option, Deprecated)}
    return {name: value for name, value in options.items() if name not in renamed}


def option_docstrings() -> dict[str, str]:
    """The docstring under each option in ``config.py`` (the source of the descriptions)."""
    tree = ast.parse(inspect.getsource(config_module))
    cls = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "FieldnotesConfig")
    docs: dict[str, str] = {}
    for node, following in zip(cls.body, cls.body[1:]):
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.targets[0], ast.Name)
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            docs[node.targets[0].id] = following.value.value
    return docs


def _type_ok(value: Any, name: str) -> bool:
    if name == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if name == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return {
        "string": str,
        "boolean": bool,
        "array": list,
        "object": dict,
        "null": type(None),
    }[name] is type(value)


def _conforms(value: Any, schema: dict[str, Any]) -> bool:
    """Whether ``value`` satisfies ``schema`` (the draft-07 keywords this schema uses)."""
    types = schema.get("type")
    if types is not None:
        names = [types] if isinstance(types, str) else types
        if not any(_type_ok(value, name) for name in names):
            return False
    if "enum" in schema and value not in schema["enum"]:
        return False
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if "minimum" in schema and value < schema["minimum"]:
            return False
        if "maximum" in schema and value > schema["maximum"]:
            return False
    # JSON Schema patterns are searched, not anchored; the ones used here are written in
    # the syntax ECMA-262 and Python's re share (classes, quantifiers, lookaheads).
    if isinstance(value, str) and re.search(schema.get("pattern", ""), value) is None:
        return False
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0):
            return False
        if "items" in schema and not all(_conforms(v, schema["items"]) for v in value):
            return False
    return True


def schema_accepts(name: str, value: Any) -> bool:
    """Whether the schema accepts ``value`` for option ``name``."""
    return _conforms(value, option_schemas()[name])


def validate_accepts(name: str, value: Any) -> bool:
    """Whether the plugin accepts ``value`` for option ``name`` (types, then check_config)."""
    options = FieldnotesConfig()
    options.load_dict({name: value})
    errors, _ = options.validate()
    if errors:
        return False
    try:
        check_config(options, MkDocsConfig())
    except PluginError:
        return False
    return True


# -- shape ---------------------------------------------------------------------------------


def test_schema_file_is_draft_07_in_materials_plugin_shape() -> None:
    schema = load_schema()
    assert schema["$schema"] == "https://json-schema.org/draft-07/schema"
    assert schema["title"]
    short_form, object_form = schema["oneOf"]
    # `- fieldnotes` (a plain string) or `- fieldnotes: {...}`.
    assert short_form["enum"] == ["fieldnotes"]
    assert object_form["type"] == "object"
    assert list(object_form["properties"]) == ["fieldnotes"]
    assert object_form["additionalProperties"] is False
    plugin = object_form["properties"]["fieldnotes"]
    assert plugin["type"] == "object"
    assert plugin["additionalProperties"] is False
    assert plugin["markdownDescription"]


def test_schema_lists_exactly_the_config_options_in_order() -> None:
    assert list(option_schemas()) == list(config_defaults())


@pytest.mark.parametrize("name", list(config_defaults()))
def test_option_default_matches_config(name: str) -> None:
    schema = option_schemas()[name]
    assert "default" in schema, name
    assert schema["default"] == config_defaults()[name]
    assert type(schema["default"]) is type(config_defaults()[name])


@pytest.mark.parametrize("name", list(config_defaults()))
def test_option_has_type_and_the_docstring_as_description(name: str) -> None:
    schema = option_schemas()[name]
    docstring = option_docstrings()[name]
    assert schema["description"] == docstring
    assert schema["markdownDescription"] == docstring
    types = [schema["type"]] if isinstance(schema["type"], str) else schema["type"]
    assert types
    assert set(types) <= JSON_TYPES
    assert set(schema) <= OPTION_KEYWORDS, set(schema) - OPTION_KEYWORDS
    if "array" in types:
        assert schema["items"]["type"] == "string"


@pytest.mark.parametrize("name", list(config_defaults()))
def test_default_and_examples_satisfy_their_own_schema(name: str) -> None:
    schema = option_schemas()[name]
    assert _conforms(schema["default"], schema)
    for example in schema.get("examples", []):
        assert _conforms(example, schema), example


def test_every_option_is_documented_in_config_py() -> None:
    assert set(option_docstrings()) == set(config_defaults())


def test_checker_rejects_values_of_the_wrong_type() -> None:
    # The little checker must be able to say no, or the agreement tests below prove nothing.
    assert not schema_accepts("enabled", "yes")
    assert not schema_accepts("cards_heading_level", 3.5)
    assert not schema_accepts("cards_heading_level", True)
    assert not schema_accepts("cards_link_labels", "Link")
    assert not schema_accepts("cards_link_labels", [3])
    assert not schema_accepts("locale", 5)
    assert schema_accepts("locale", None)
    assert schema_accepts("locale", "fr")


# -- the constraints agree with validate.py -----------------------------------------------

AGREEMENT = [
    ("cards_heading_level", 0),
    ("cards_heading_level", 1),
    ("cards_heading_level", 6),
    ("cards_heading_level", 7),
    ("listings_page_size", 9),
    ("listings_page_size", 10),
    ("listings_page_size", 5000),
    ("feeds_limit", 0),
    ("feeds_limit", 1),
    ("feeds_limit", 50),
    ("revisit_limit", 0),
    ("revisit_limit", 1),
    ("revisit_aging_months", 0),
    ("revisit_aging_months", 1),
    ("revisit_stale_months", 1),
    ("revisit_stale_months", 24),
    ("revisit_group_by", "tag"),
    ("revisit_group_by", "entry"),
    ("revisit_group_by", "date"),
    ("cards_revisit_labels", []),
    ("cards_revisit_labels", ["Reread"]),
    ("cards_revisit_labels", ["Revisited:"]),
    ("revisit_path", "revisit"),
    ("revisit_path", "../revisit"),
    ("threads_path", "notes/threads"),
    ("threads_path", ""),
    ("cards_link_labels", []),
    ("cards_link_labels", ["  "]),
    ("cards_link_labels", ["Link", ""]),
    ("cards_link_labels", ["URL", "Link"]),
    ("cards_date_labels", []),
    ("cards_date_labels", ["Commented"]),
    ("cards_future_labels", ["\t"]),
    ("cards_future_labels", ["Later"]),
    ("cards_link_labels", ["Link:"]),
    ("cards_link_labels", ["Link :  "]),
    ("cards_link_labels", ["Link: here"]),
    ("cards_link_labels", [" Link "]),
    ("cards_link_schemes", []),
    ("cards_link_schemes", ["https"]),
    ("cards_link_schemes", [" HTTPS ", "doi", "git+ssh", "z39.50s"]),
    ("cards_link_schemes", ["https:"]),
    ("cards_link_schemes", ["https://"]),
    ("cards_link_schemes", ["ht tp"]),
    ("cards_link_schemes", ["1http"]),
    ("cards_link_schemes", [""]),
    ("date_format", "medium"),
    ("date_format", "d MMM y"),
    ("date_format", "%d %b %Y"),
    ("date_format", "d MMM y %"),
    ("listings_marker", ""),
    ("listings_marker", "   "),
    ("listings_marker", "<!-- here -->"),
    ("tags_path", "tags"),
    ("tags_path", "notes/tags"),
    ("tags_path", "/tags/"),
    ("tags_path", " tags "),
    ("tags_path", "é/标签"),
    ("tags_path", ".hidden"),
    ("tags_path", "..."),
    ("tags_path", ""),
    ("tags_path", " "),
    ("tags_path", "/"),
    ("tags_path", "//"),
    ("tags_path", "."),
    ("tags_path", "./tags"),
    ("tags_path", ".."),
    ("tags_path", "../tags"),
    ("tags_path", "notes/../tags"),
    ("tags_path", "notes/.."),
    ("tags_path", "notes//tags"),
    ("tags_path", "notes\\tags"),
    ("series_path", "../series"),
    ("categories_path", "themes"),
    ("timeline_path", "when/"),
    ("export_path", "fieldnotes.json"),
    ("export_path", "data/notes.json"),
    ("export_path", " data/notes.json "),
    ("export_path", ""),
    ("export_path", "   "),
    ("export_path", "/fieldnotes.json"),
    ("export_path", "\\fieldnotes.json"),
    ("export_path", "data\\notes.json"),
    ("export_path", "C:notes.json"),
    ("export_path", "../notes.json"),
    ("export_path", ".."),
    ("export_path", "."),
    ("export_path", " . "),
    ("export_path", "data/"),
    ("export_path", "..notes.json"),
]


@pytest.mark.parametrize(("name", "value"), AGREEMENT)
def test_schema_and_validate_agree(name: str, value: Any) -> None:
    assert schema_accepts(name, value) == validate_accepts(name, value)


def test_agreement_samples_include_both_answers_for_each_constrained_option() -> None:
    answers: dict[str, set[bool]] = {}
    for name, value in AGREEMENT:
        answers.setdefault(name, set()).add(validate_accepts(name, value))
    for name in (
        "cards_heading_level",
        "listings_page_size",
        "cards_link_labels",
        "cards_link_schemes",
        "feeds_limit",
        "revisit_limit",
        "revisit_aging_months",
        "revisit_stale_months",
        "revisit_group_by",
        "cards_revisit_labels",
        "revisit_path",
        "threads_path",
    ):
        assert answers[name] == {True, False}, name
    for name in ("date_format", "listings_marker", "tags_path", "export_path"):
        assert answers[name] == {True, False}, name


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="a./\\", max_size=12))
def test_folder_pattern_is_exactly_validate_without_whitespace(value: str) -> None:
    assert schema_accepts("tags_path", value) == validate_accepts("tags_path", value)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="a./\\ \t", max_size=12))
def test_folder_pattern_never_rejects_what_validate_accepts(value: str) -> None:
    # Leading/trailing whitespace makes an exact regex unwieldy: the schema may be looser
    # (the build then explains), never stricter (an editor must not flag a working config).
    if validate_accepts("tags_path", value):
        assert schema_accepts("tags_path", value)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="a./\\: ", max_size=12))
def test_export_pattern_never_rejects_what_validate_accepts(value: str) -> None:
    if validate_accepts("export_path", value):
        assert schema_accepts("export_path", value)


@pytest.mark.parametrize("value", [".", "./", "data/..", "data/"])
def test_export_path_that_names_a_folder_is_rejected(value: str) -> None:
    # Accepted before, these wrote no export (or a file named like a folder) and said nothing.
    assert not validate_accepts("export_path", value)


# -- packaging ---------------------------------------------------------------------------


def test_schema_sits_in_the_package_next_to_config() -> None:
    assert SCHEMA_FILE.is_file()
    assert SCHEMA_FILE.parent == Path(config_module.__file__).resolve().parent
    assert json.loads(SCHEMA_FILE.read_text("utf-8")) == load_schema()


def test_wheel_and_sdist_ship_the_schema(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-t", "sdist", "-d", tmp_path],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    expected = SCHEMA_FILE.read_bytes()
    (wheel,) = tmp_path.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        assert archive.read("mkdocs_fieldnotes/schema.json") == expected
    (sdist,) = tmp_path.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        member = next(m for m in archive.getmembers() if m.name.endswith("/schema.json"))
        assert member.name.split("/", 1)[1] == "mkdocs_fieldnotes/schema.json"
        handle = archive.extractfile(member)
        assert handle is not None
        assert handle.read() == expected
