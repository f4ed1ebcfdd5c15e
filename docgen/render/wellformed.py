"""A proof, made once per template, that a templated part renders to well-formed XML
whatever the data.

What a template renders to must be well-formed: a Jinja tag that a staff member typed
across paragraphs can cut the XML for some data and not for other. Parsing every rendered
part checks that, at a cost (a third of a millisecond per unit report, a tenth of a batch's
time). For most templates, docgen's own among them, it can be settled once instead, from
the template's Jinja tree:

- the text of the template between its tags (with each ``{{ value }}`` and each nested
  block marked by a placeholder character) is well-formed XML: the whole part as a
  document, the body of every ``{% if %}``/``{% elif %}``/``{% else %}`` and ``{% for %}``
  as element content;
- every placeholder stands in character data: not in a tag, an attribute, a comment or a
  CDATA section, and not right before a ``>`` (a value ending in ``]]`` would make
  ``]]>``);
- every ``{{ value }}`` is escaped text or docgen's own markup: a plain expression (names,
  attributes, items, constants, operators), or one of docgen's filters applied to one (each
  returns whole ``w:`` elements built from escaped text) and output whole; no other filter
  (``|safe``), no call of a function, no macro, include or ``{% autoescape false %}``; the
  same plain expressions in ``{% set %}`` and in what ``{% for %}`` loops over, so that no
  markup is kept in a variable to be cut later.

Replacing a placeholder that stands in character data by escaped text or by whole
elements leaves element content well-formed, and a block that runs zero or more times
puts zero or more well-formed pieces there: every output is then well-formed. The
characters XML forbids cannot come through values either: the models refuse them in any
text, and the environment's ``finalize`` checks every value again. A template that cannot
be proved so (a tag cut across elements, a value in an attribute, a construct not listed)
is simply checked after every render, as before.
"""

from __future__ import annotations

from collections.abc import Iterable
from xml.parsers import expat

from jinja2 import nodes

BALANCED_FILTERS = frozenset({"runs", "bang", "duong_ke", "kinh_gui", "het_phan"})
"""docgen's filters (:mod:`docgen.render.environment`): each returns whole elements."""

VALUE = "\ue000"
"""Where a value goes. A private-use character: allowed in character data and attribute
values, not in names, so a value in a tag's name fails the parse."""
BLOCK = "\ue001"
"""Where the output of a nested block goes."""
_MARKS = (VALUE, BLOCK)


class _Unproved(Exception):
    """The part cannot be proved well-formed for all data."""


def always_well_formed(template: nodes.Template) -> bool:
    """Return True when every rendering of the parsed ``template`` is well-formed XML
    (see the module's docstring); False when that cannot be shown, not that it fails."""
    try:
        _check(_fragment(template.body), document=True)
    except _Unproved:
        return False
    return True


def _fragment(body: Iterable[nodes.Node]) -> str:
    """Return the text of ``body`` with placeholders for values and nested blocks, after
    proving those blocks. Raises _Unproved."""
    pieces: list[str] = []
    for node in body:
        if isinstance(node, nodes.Output):
            for child in node.nodes:
                if isinstance(child, nodes.TemplateData):
                    pieces.append(child.data)
                else:
                    _check_value(child)
                    pieces.append(VALUE)
        elif isinstance(node, nodes.If):
            branches = [node.body, *(branch.body for branch in node.elif_), node.else_]
            for branch in branches:
                _check(_fragment(branch))
            pieces.append(BLOCK)
        elif isinstance(node, nodes.For) and not node.recursive:
            _check_plain(node.iter)  # what it loops over holds no markup to cut in pieces
            _check(_fragment(node.body))
            _check(_fragment(node.else_))
            pieces.append(BLOCK)
        elif isinstance(node, nodes.Assign):
            _check_plain(node.node)  # {% set %}: no output, and no markup kept for later
        else:
            raise _Unproved(type(node).__name__)
    return "".join(pieces)


def _check_value(expression: nodes.Node) -> None:
    """Raise _Unproved unless ``expression`` renders as escaped text or as the whole output
    of one of docgen's filters (``{{ khoi|bang }}``; not a slice of it, not joined)."""
    if isinstance(expression, nodes.Filter) and expression.name in BALANCED_FILTERS:
        for node in expression.find_all(nodes.Node):  # its value and arguments
            _refuse_markup(node)
    else:
        _check_plain(expression)


def _check_plain(expression: nodes.Node) -> None:
    """Raise _Unproved unless ``expression`` is made of names, attributes, items, constants
    and operators: no filter, no call, nothing marked safe. (The values docgen's context
    holds are text, numbers and objects, never markup.)"""
    # find_all yields the descendants only: the expression itself is looked at first.
    for node in (expression, *expression.find_all(nodes.Node)):
        _refuse_markup(node)


def _refuse_markup(node: nodes.Node) -> None:
    """Raise _Unproved when ``node`` may produce markup or anything else unknown."""
    if isinstance(node, nodes.Call | nodes.Filter | nodes.MarkSafe | nodes.MarkSafeIfAutoescape):
        raise _Unproved(type(node).__name__)


def _check(fragment: str, document: bool = False) -> None:
    """Raise _Unproved unless ``fragment`` is well-formed (a document, or element content)
    with every placeholder in character data and none right before a ``>``."""
    if any(f"{mark}>" in fragment for mark in _MARKS) or fragment.startswith(">"):
        raise _Unproved("]]> could form")
    parser = expat.ParserCreate()
    in_cdata = False

    def marked(*texts: str) -> None:
        if any(mark in text for text in texts for mark in _MARKS):
            raise _Unproved("placeholder outside character data")

    def start(name: str, attributes: dict[str, str]) -> None:
        marked(*attributes.values())

    def characters(data: str) -> None:
        if in_cdata:
            marked(data)

    def cdata(opening: bool) -> None:
        nonlocal in_cdata
        in_cdata = opening

    parser.StartElementHandler = start
    parser.CharacterDataHandler = characters
    parser.StartCdataSectionHandler = lambda: cdata(True)
    parser.EndCdataSectionHandler = lambda: cdata(False)
    parser.CommentHandler = marked
    parser.ProcessingInstructionHandler = lambda target, data: marked(target, data)
    text = fragment if document else f"<_>{fragment}</_>"
    try:
        parser.Parse(text, True)
    except expat.ExpatError as error:
        raise _Unproved(str(error)) from error
