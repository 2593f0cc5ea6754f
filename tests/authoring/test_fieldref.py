"""Field descriptions read from the validator's own models (CONTENT_TYPES)."""

from __future__ import annotations

import pytest
from fake_types import FakeGiftsRegister, FakeMeeting, FakeRole
from field_keys import all_keys

from generator.authoring.fieldref import (
    RESERVED_FIELDS,
    describe_model,
    editor_fields,
    nested_fields,
    row_field,
    row_model_of,
)
from generator.load.content_types import CONTENT_TYPES
from generator.models.base import ContentModel, PageMeta


@pytest.mark.parametrize("content_type", CONTENT_TYPES, ids=lambda t: t.name)
def test_every_field_of_every_content_type_gets_a_plain_type(content_type: object) -> None:
    """Whatever a model declares, the handbook and `new` can say what to write in it."""
    model = content_type.model  # type: ignore[attr-defined]
    row_model = row_model_of(content_type)  # type: ignore[arg-type]
    fields = editor_fields(content_type)  # type: ignore[arg-type]
    keys = [d.key for d in fields]
    if row_model is None:
        assert set(RESERVED_FIELDS) <= set(keys)
        assert set(keys) == {info.alias or name for name, info in model.model_fields.items()}
    else:
        assert keys == ["entries"]
        assert {d.key for d in nested_fields(fields[0])} == {
            info.alias or name for name, info in row_model.model_fields.items()}

    def unknown(docs: object) -> list[str]:
        found = []
        for doc in docs:  # type: ignore[attr-defined]
            if doc.kind == "any" or (doc.item is not None and doc.item.kind == "any"):
                found.append(doc.key)
            found += [f"{doc.key}.{k}" for k in unknown(nested_fields(doc))]
        return found

    assert unknown(fields) == [], f"teach fieldref these field types of {model.__name__}"


@pytest.mark.parametrize("model", [ContentModel, PageMeta], ids=lambda m: m.__name__)
def test_shared_fields_are_described(model: type[ContentModel]) -> None:
    """Descriptions come from the docstring under each field."""
    assert [d.key for d in describe_model(model) if not d.description] == []


@pytest.mark.parametrize("content_type", CONTENT_TYPES, ids=lambda t: t.name)
def test_every_field_an_editor_writes_is_explained(content_type: object) -> None:
    """The handbook's field reference and the `transparency new` comments say what goes in
    every field, nested ones included: a field without a docstring would show "—"."""
    def undescribed(docs: object, prefix: str = "") -> list[str]:
        found = []
        for doc in docs:  # type: ignore[attr-defined]
            if not doc.description:
                found.append(prefix + doc.key)
            found += undescribed(nested_fields(doc), f"{prefix}{doc.key}.")
        return found

    assert undescribed(editor_fields(content_type)) == []  # type: ignore[arg-type]


def test_page_fields_with_alias_types_and_reserved_last() -> None:
    fields = {d.key: d for d in describe_model(PageMeta)}
    assert list(fields)[:6] == ["title", "summary", "class", "duties", "nav_order", "charts"]
    assert list(fields)[6:] == ["nil_returns", "type", "draft", "publish_from", "updated"]
    assert fields["title"].required and fields["title"].kind == "text"
    assert fields["class"].kind == "choice" and "who-we-are" in fields["class"].choices
    assert fields["duties"].label == "list of text"
    assert fields["updated"].label == "date, YYYY-MM-DD or DD/MM/YYYY"
    assert fields["draft"].default is False and fields["draft"].label == "true or false"
    assert fields["title"].description.startswith("The page heading")


def test_nested_models_lists_and_money() -> None:
    meeting = {d.key: d for d in describe_model(FakeMeeting)}
    assert meeting["date"].label == "date and time, YYYY-MM-DD HH:MM or DD/MM/YYYY HH:MM"
    assert meeting["status"].choices == ("scheduled", "held", "cancelled")
    assert meeting["status"].default == "scheduled"
    assert [d.key for d in nested_fields(meeting["attendance"])] == ["present"]
    assert meeting["agenda"].label == "list of items with the fields below"
    assert [d.key for d in nested_fields(meeting["agenda"])] == ["title", "papers", "exempt"]
    assert "exempt" in all_keys(describe_model(FakeMeeting))
    role = {d.key: d for d in describe_model(FakeRole)}
    assert role["salary"].label == "amount in pounds, e.g. 77874.50" and not role["salary"].required
    assert role["statutory"].label == ("list of one of: monitoring-officer, "
                                       "chief-finance-officer")
    assert role["grade"].description == "Grade code from content/staff/pay-scales.yml."


def test_pay_ranges_are_described_as_written() -> None:
    from generator.models.staff import PayGrade

    grade = {d.key: d for d in describe_model(PayGrade)}
    assert grade["range"].label == "pay range in pounds, e.g. 77874-83127"
    assert grade["min"].label == "amount in pounds, e.g. 77874.50"


def test_register_file_model_rows() -> None:
    rows = row_field(FakeGiftsRegister)
    assert rows is not None and rows.key == "entries"
    assert [d.key for d in nested_fields(rows)][:4] == ["date", "recipient", "value", "status"]
    assert row_field(PageMeta) is None


def test_row_model_named_or_found_from_the_loader_factory() -> None:
    from fake_types import FAKE_TYPES, FakeContract, FakeExpense

    types = {t.name: t for t in FAKE_TYPES}
    assert row_model_of(types["fake-contracts"]) is FakeContract  # named with row_model=
    assert row_model_of(types["fake-expenses"]) is FakeExpense  # kept by the loader factory
    assert row_model_of(types["fake-role"]) is None  # no loader: the model is what editors write
    expenses = editor_fields(types["fake-expenses"])
    assert [d.key for d in expenses] == ["entries"] and expenses[0].required
    assert [d.key for d in nested_fields(expenses[0])] == [
        "date", "person", "amount", "type", "draft", "publish_from", "updated"]
