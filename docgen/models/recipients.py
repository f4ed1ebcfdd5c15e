"""The recipients directory (noi-nhan.yaml) and a document's Nơi nhận entries."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Discriminator, Field, Tag

from docgen.models.agency import KEY_PATTERN, STRICT
from docgen.models.text import Override, Text


class Group(BaseModel):
    """A named group of recipients, e.g. the members of Cụm thi đua số 01.

    In Nơi nhận a group prints as its ``ten`` on one line when it has one, otherwise as one
    line per member.
    """

    model_config = STRICT

    ten: Text | None = None
    thanh_vien: list[str] = Field(default_factory=list)
    """Keys of ``don_vi`` entries."""


class RecipientDirectory(BaseModel):
    """The contents of noi-nhan.yaml."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    don_vi: dict[str, Text] = Field(default_factory=dict)
    nhom: dict[str, Group] = Field(default_factory=dict)


class RecipientRef(Override):
    """A Nơi nhận entry that names a directory entry by key, optionally noted, e.g. (b/c)."""

    model_config = STRICT

    ma: str = Field(pattern=KEY_PATTERN)
    ten: Text | None = None
    ghi_chu: Text | None = None


class GroupRef(Override):
    """A Nơi nhận entry that names a directory group by key."""

    model_config = STRICT

    nhom: str = Field(pattern=KEY_PATTERN)
    ghi_chu: Text | None = None
    tach: bool = False
    """Print one line per member even when the group has a ``ten``."""


def _has_words(line: str) -> str:
    if not line.lstrip("-–•+ ").rstrip(";,. "):
        raise ValueError("dòng nơi nhận không có nội dung")
    return line


def recipient_kind(value: Any) -> str | None:
    """Return the tag of a raw Nơi nhận entry: text, a group, or a directory entry."""
    if isinstance(value, str | RecipientRef | GroupRef):
        return {str: "recipient:text", RecipientRef: "recipient:ma", GroupRef: "recipient:nhom"}[
            str if isinstance(value, str) else type(value)
        ]
    if isinstance(value, dict):
        return "recipient:nhom" if "nhom" in value else "recipient:ma"
    return None


Recipient = Annotated[
    Annotated[Annotated[Text, AfterValidator(_has_words)], Tag("recipient:text")]
    | Annotated[RecipientRef, Tag("recipient:ma")]
    | Annotated[GroupRef, Tag("recipient:nhom")],
    Discriminator(
        recipient_kind,
        custom_error_type="unknown_recipient",
        custom_error_message="nơi nhận phải là dòng chữ, {ma: ...} hoặc {nhom: ...}",
    ),
]
"""A literal line of text, or a reference into the recipients directory."""
