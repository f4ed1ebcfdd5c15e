"""The tasks of a plan's table, numbered as the plan prints them, for a report to answer.

A plan's task table lists its tasks in groups (QUÝ I, QUÝ II, ...). A report refers to a
task by the number the plan prints: "II.3" is row 3 of group II; "3" is row 3 of a table
without groups. Pure data: nothing here knows of YAML files or Word.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from docgen.formatting import roman
from docgen.models.blocks import Block, Column, GroupRow, Table, TableSpec, iter_blocks

QUARTER = re.compile(r"^\s*qu[ýyÝY]\s+(IV|I{1,3}|[1-4])\b", re.IGNORECASE)
_QUARTER_NUMBERS = {"I": 1, "II": 2, "III": 3, "IV": 4}


@dataclass(frozen=True)
class PlanTask:
    """One task row of the plan's table."""

    ref: str
    """Its number as the plan prints it: "II.3", or "3" without groups."""
    group: str | None
    """The Roman number of its group, e.g. "II"; None in a table without groups."""
    cells: tuple[tuple[str, ...], ...]
    """The text of each of the plan's columns (its ``cot``, in order), one item per line."""

    @property
    def summary(self) -> str:
        """Return the start of the task's first cell, to name the task in messages."""
        text = " ".join(self.cells[0]) if self.cells else ""
        text = text.lstrip("-–+ ").replace("*", "")
        return text if len(text) <= 60 else text[:57].rstrip() + "..."


@dataclass(frozen=True)
class PlanGroup:
    """A group row of the plan's table."""

    ref: str
    """Its Roman number, e.g. "II"."""
    title: str
    label: str
    """The number the plan prints for it (its ``so`` override or the Roman number)."""
    quarter: int | None
    """1–4 when the title names a quarter ("QUÝ II"), else None."""


@dataclass(frozen=True)
class PlanTable:
    """The task table of a plan: its columns, groups and tasks in order."""

    numbered: Column | None
    columns: tuple[Column, ...]
    groups: tuple[PlanGroup, ...]
    tasks: tuple[PlanTask, ...]

    def task(self, ref: str) -> PlanTask | None:
        """Return the task numbered ``ref``, or None."""
        return next((task for task in self.tasks if task.ref == ref), None)

    def describe_refs(self) -> str:
        """Return the task numbers there are, compactly: "I.1–I.4, II.1–II.3"."""
        spans: list[str] = []
        for group in (*(g.ref for g in self.groups), None) if self.groups else (None,):
            refs = [task.ref for task in self.tasks if task.group == group]
            if refs:
                spans.append(refs[0] if len(refs) == 1 else f"{refs[0]}–{refs[-1]}")
        return ", ".join(spans)


def find_task_table(blocks: list[Block]) -> TableSpec | None:
    """Return the first table of a plan's body, depth first, or None when it has none."""
    for _, block in iter_blocks(blocks, ("noi_dung",)):
        if isinstance(block, Table):
            return block.bang
    return None


def plan_table(table: TableSpec) -> PlanTable:
    """Return the tasks of ``table`` numbered as the plan prints them."""
    groups: list[PlanGroup] = []
    tasks: list[PlanTask] = []
    items = 0
    for row in table.dong:
        if isinstance(row, GroupRow):
            number = roman(len(groups) + 1)
            match = QUARTER.match(row.nhom)
            quarter = None
            if match:
                token = match[1].upper()
                quarter = _QUARTER_NUMBERS.get(token) or int(token)
            groups.append(PlanGroup(number, row.nhom, row.so or number, quarter))
            items = 0
            continue
        items += 1
        group = groups[-1].ref if groups else None
        ref = f"{group}.{items}" if group else str(items)
        cells = tuple(tuple(_lines(row.get(key, []))) for key in table.cot)
        tasks.append(PlanTask(ref, group, cells))
    return PlanTable(table.so_thu_tu, tuple(table.cot.values()), tuple(groups), tuple(tasks))


def _lines(value: str | list[str]) -> Iterator[str]:
    yield from ([value] if isinstance(value, str) else value)
