"""StrictModel.replaced gives what model_copy(update=...) gives (issue 18: extraction's copies)."""

from __future__ import annotations

from pydantic import PrivateAttr

from extract.model import Bodies, Body, Span
from extract.model.base import StrictModel


def _same_copy(model: StrictModel, **changes: object) -> None:
    expected = model.model_copy(update=changes)
    got = model.replaced(**changes)
    assert type(got) is type(expected)
    assert got is not model
    assert got.__dict__ == expected.__dict__
    assert list(got.__dict__) == list(expected.__dict__)  # same field order in the JSON
    assert got.model_fields_set == expected.model_fields_set
    assert got.__pydantic_extra__ == expected.__pydantic_extra__
    assert got.__pydantic_private__ == expected.__pydantic_private__
    assert got.model_dump_json() == expected.model_dump_json()
    assert model.model_dump_json() != got.model_dump_json() or not changes


def test_replaced_is_model_copy_for_the_copies_extraction_makes() -> None:
    span = Span(line=3, start=1, end=5)
    body = Body(raw="UBND phường", span=span)
    bodies = Bodies(lead=[body])
    _same_copy(span, end=9)
    _same_copy(body, role="chủ trì")
    _same_copy(body, carries_out=True, own_leadership=True)
    _same_copy(bodies, implementing=[body], lead=[])
    _same_copy(body)


def test_replaced_shares_fields_and_leaves_the_original_as_it_was() -> None:
    body = Body(raw="UBND phường", span=Span(line=3, start=1, end=5))
    bodies = Bodies(lead=[body])
    copied = bodies.replaced(advisory=[body])
    assert copied.lead is bodies.lead  # shallow, as model_copy
    assert bodies.advisory == [] and copied.advisory == [body]
    assert "advisory" not in bodies.model_fields_set


class _WithPrivate(StrictModel):
    value: int
    _seen: int = PrivateAttr(default=0)


def test_a_model_with_private_attributes_is_copied_by_model_copy() -> None:
    model = _WithPrivate(value=1)
    model._seen = 7
    copied = model.replaced(value=2)
    assert copied.value == 2 and copied._seen == 7
