"""Source text Python writes and compiles while modules load, compiled once and kept (issue 18).

Python 3.11's dataclasses write each method they generate (``__init__``, ``__repr__``,
``__eq__``; for a frozen class ``__setattr__``, ``__delattr__`` and ``__hash__``) as source
text and ``exec`` it; ``typing.ForwardRef`` compiles each annotation it is given as text
(every annotation of a module with ``from __future__ import annotations`` that pydantic
evaluates), ``inspect`` evaluates the ones typer asks for, and ``namedtuple`` evaluates its
``__new__``. A cold ``check`` parsed and compiled about 530 such methods and 1,400 such
annotations, the same text on every run: over a tenth of its instructions. It also compiled
about 430 regular expressions, each parsed and turned into its program by ``re``'s Python
code: nearly a tenth of its CPU.

So ``dataclasses`` is given an ``exec``, ``typing`` a ``compile``, ``inspect`` and
``collections`` an ``eval`` of their own (a module global shadows the builtin of that name
for that module alone) that look the text up in a table of code objects kept in
``__pycache__``, named after the interpreter's cache tag like bytecode, and compile only
text not found there. The same text compiled with the same flags and file name gives an
equal code object, so every class and annotation comes out as before: only the parsing and
compiling are skipped. In the same way ``re`` is given a ``_compiler.compile`` that keeps,
for each pattern text and flags, the arguments ``re`` hands to ``_sre.compile`` (the
pattern's program as a list of integers, its groups): ``_sre.compile`` builds the pattern
from them as before, equal to the one ``re`` builds. The table is written at exit when the
process compiled enough that was new to pay for writing it (``SAVE_AFTER``); it cannot grow
without bound (``MAX_ENTRIES``, ``MAX_PATTERNS``). Some text differs from run to run (the
order of a set of strings in tokenize's pattern follows the hash seed): it is compiled
each time, and kept only when a process writes the table for other texts.

One more text is parsed again and again: the signature a builtin class gives as text
(``list``'s ``(iterable=(), /)``), which ``inspect`` tokenizes, parses and evaluates each
time it is asked; pydantic asks for ``list``'s for every ``Field(default_factory=list)``,
about fifty times a check. ``inspect`` is given a ``_signature_fromstr`` that keeps, for the
process, the signature made for a class (a ``Signature`` cannot be changed once made; a
class lives as long as the process, so keeping it holds nothing that would be freed).

``PLANCHECK_COMPILED_TABLE=off`` leaves the five modules as they are: the table is then
neither read nor written. A table that cannot be read back (cut short, overwritten) is
reported once, on stderr, naming the file, and written anew at exit.

Only on Python 3.11, whose five modules were read for this (dataclasses calls ``exec`` in
``_create_fn`` with its globals, typing ``compile`` in ``ForwardRef``, inspect ``eval`` in
``get_annotations`` and for text signatures, collections ``eval`` in ``namedtuple``; none
of them has a ``from __future__`` import; ``re._compile`` calls ``_compiler.compile`` for
every pattern not in its own cache, which hands its ``_sre.compile`` what ``_program``
computes here): 3.13 writes a class's methods in one text, and another version is left as
it is.
"""

from __future__ import annotations

import _sre
import atexit
import builtins
import collections
import dataclasses
import inspect
import marshal
import os
import re
import sys
import typing
from pathlib import Path
from re import _compiler, _parser  # type: ignore[attr-defined]
from types import CodeType
from typing import Any

KEPT = (
    Path(__file__).resolve().parent
    / "__pycache__"
    / f"generated_code.{sys.implementation.cache_tag}.marshal"
)
# About 1,900 texts serve every command; past this, stale texts (code since changed) are
# dropped and only what the writing process used is kept.
MAX_ENTRIES = 8000
# About 450 patterns serve a check; patterns built from a document's own words would be
# kept too, so the same bound applies.
MAX_PATTERNS = 4000
# Writing the table (about 1 MB) costs what compiling 20 to 30 texts costs (3 ms against
# 0.1 ms each, measured together at load 5): a process that compiled fewer leaves them to
# be compiled again.
SAVE_AFTER = 20
# ``off`` (any case) leaves Python's own compiling alone: no table read, none written.
SWITCH_VARIABLE = "PLANCHECK_COMPILED_TABLE"
# Who wrote a table: its code objects and programs hold only for the interpreter build that
# made them (the cache tag names 3.11, not the release, and _sre's opcodes carry their own
# MAGIC), so a table another build wrote is built again rather than trusted.
INTERPRETER = f"{sys.implementation.cache_tag} {sys.version} sre {_sre.MAGIC}"
_Key = tuple[str, str, str]  # mode, file name, source
_PatternKey = tuple[str | bytes, int]  # pattern text, flags as given to re
# What re._compiler.compile hands to _sre.compile after the pattern text: flags, program,
# the number of groups, group numbers by name, group names by number.
_Program = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
# re's own: for anything the table does not handle (a parsed pattern, re.DEBUG).
_compile_pattern = _compiler.compile
# inspect's own parser of a builtin's text signature.
_signature_from_text = inspect._signature_fromstr  # type: ignore[attr-defined]


class CompiledOnce:
    """A table of code objects by (mode, file name, source text), loaded from and kept in a file.

    Attributes:
        kept: Every code object known, from the file and from this process.
        used: The ones this process asked for.
        programs: Every regular expression's program known, by pattern text and flags.
        programs_used: The ones this process asked for.
        compiled: How many texts this process compiled (not found in the table).
        compiled_patterns: How many patterns this process compiled (not in the table).
    """

    def __init__(self, path: Path) -> None:
        """Load the table kept at ``path``; an absent, damaged or foreign file gives none.

        A damaged one is said on stderr (once: this process then writes it anew at exit).
        """
        self.path = path
        self.kept, self.programs, damage = _load(path)
        self.used: dict[_Key, CodeType] = {}
        self.programs_used: dict[_PatternKey, _Program] = {}
        self.signatures: dict[tuple[Any, type, str, bool], inspect.Signature] = {}
        self.compiled = 0
        self.compiled_patterns = 0
        self.damaged = damage is not None
        if damage is not None:
            sys.stderr.write(
                f"Cảnh báo / Warning: {_shown(path)}: bảng mã biên dịch sẵn bị hỏng, sẽ được "
                f"tạo lại / the table of compiled code is damaged and will be rebuilt "
                f"({_shown(damage)})\n"
            )

    def code(self, source: str, filename: str, mode: str) -> CodeType:
        """The code object ``compile(source, filename, mode)`` gives in a module without futures."""
        key = (mode, filename, source)
        code = self.kept.get(key)
        if code is None:
            # dataclasses and typing have no ``from __future__`` import, so their text is
            # compiled with no flags; it must not inherit this module's ``annotations``
            # (the generated ``__init__``'s annotations would turn into text).
            code = builtins.compile(source, filename, mode, dont_inherit=True)
            self.kept[key] = code
            self.compiled += 1
        self.used[key] = code
        return code

    def exec(self, source: Any, globals: Any = None, locals: Any = None, /) -> None:
        """``exec`` for dataclasses: text is compiled through the table, anything else as is."""
        if globals is None:  # dataclasses always passes its globals: not its own call
            caller = sys._getframe(1)
            builtins.exec(source, caller.f_globals, caller.f_locals if locals is None else locals)
        elif isinstance(source, str):
            builtins.exec(self.code(source, "<string>", "exec"), globals, locals)
        else:
            builtins.exec(source, globals, locals)

    def eval(self, source: Any, globals: Any = None, locals: Any = None, /) -> Any:
        """``eval`` for inspect and collections: text through the table, anything else as is."""
        if globals is None:  # both always pass a namespace: not their own call
            caller = sys._getframe(1)
            namespace = caller.f_locals if locals is None else locals
            return builtins.eval(source, caller.f_globals, namespace)
        if isinstance(source, str):
            return builtins.eval(self.code(source, "<string>", "eval"), globals, locals)
        return builtins.eval(source, globals, locals)

    def compile(
        self,
        source: Any,
        filename: Any,
        mode: str,
        flags: int = 0,
        dont_inherit: bool = False,
        optimize: int = -1,
    ) -> Any:
        """``compile`` for typing: plain text through the table, any other request as is."""
        if isinstance(source, str) and isinstance(filename, str) and (flags, optimize) == (0, -1):
            return self.code(source, filename, mode)
        return builtins.compile(source, filename, mode, flags, dont_inherit, optimize)

    def pattern(self, pattern: Any, flags: int = 0) -> Any:
        """``re._compiler.compile`` for re: a pattern text's program from the table."""
        if not isinstance(pattern, (str, bytes)) or flags & re.DEBUG:
            return _compile_pattern(pattern, flags)  # re.Scanner's parsed patterns; DEBUG prints
        key = (pattern, int(flags))
        program = self.programs.get(key)
        if program is None:
            program = _program(pattern, int(flags))
            self.programs[key] = program
            self.compiled_patterns += 1
        self.programs_used[key] = program
        return _sre.compile(pattern, *program)

    def text_signature(self, cls: Any, obj: Any, text: str, skip_bound_arg: bool = True) -> Any:
        """``inspect._signature_fromstr``: a class's text signature parsed once a process."""
        if not isinstance(obj, type):  # a bound builtin method would keep its object alive
            return _signature_from_text(cls, obj, text, skip_bound_arg)
        key = (cls, obj, text, skip_bound_arg)
        signature = self.signatures.get(key)
        if signature is None:
            signature = _signature_from_text(cls, obj, text, skip_bound_arg)
            self.signatures[key] = signature
        return signature

    def save(self, always: bool = False) -> None:
        """Write the table if this process compiled enough that was new, or found it damaged.

        An unwritable folder costs only speed (and a damaged table is then said again by the
        next process, which finds it as it was). ``always`` writes it whatever was compiled.
        """
        if self.compiled + self.compiled_patterns < SAVE_AFTER and not (self.damaged or always):
            return
        from extract.resources import write_whole

        table = self.kept if len(self.kept) <= MAX_ENTRIES else self.used
        programs = self.programs if len(self.programs) <= MAX_PATTERNS else self.programs_used
        write_whole(self.path, marshal.dumps((INTERPRETER, table, programs)))


def install(path: Path = KEPT) -> CompiledOnce | None:
    """Give dataclasses, typing, inspect, collections and re the table's; None on another Python.

    None too when ``PLANCHECK_COMPILED_TABLE=off``. Once per process: a second call returns
    the table already installed.
    """
    if sys.version_info[:2] != (3, 11) or switched_off():
        return None
    installed = getattr(dataclasses, "exec", None)
    if isinstance(getattr(installed, "__self__", None), CompiledOnce):
        return installed.__self__  # type: ignore[union-attr, no-any-return]
    table = CompiledOnce(path)
    dataclasses.exec = table.exec  # type: ignore[attr-defined]
    typing.compile = table.compile  # type: ignore[attr-defined]
    inspect.eval = table.eval  # type: ignore[attr-defined]
    collections.eval = table.eval  # type: ignore[attr-defined]
    _compiler.compile = table.pattern
    inspect._signature_fromstr = table.text_signature  # type: ignore[attr-defined]
    atexit.register(table.save)
    return table


def switched_off() -> bool:
    """Whether ``PLANCHECK_COMPILED_TABLE=off`` asks for Python's own compiling alone."""
    return os.environ.get(SWITCH_VARIABLE, "").strip().lower() == "off"


def _program(pattern: str | bytes, flags: int) -> _Program:
    """What Python 3.11's ``re._compiler.compile`` hands ``_sre.compile`` after the text."""
    parsed = _parser.parse(pattern, flags)
    # Opcodes are re's named int constants: plain ints for marshal, equal for _sre.
    code = [int(word) for word in _compiler._code(parsed, flags)]
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    groups = parsed.state.groups - 1
    return int(flags | parsed.state.flags), code, groups, groupindex, tuple(indexgroup)


_Loaded = tuple[dict[_Key, CodeType], dict[_PatternKey, _Program], str | None]


def _load(path: Path) -> _Loaded:
    """The tables kept at ``path`` and, when the file is damaged, what is wrong with it.

    No file, or one another interpreter build wrote (``INTERPRETER`` differs), is no damage: the
    table is simply built again; nor is a table of code objects alone (the form before
    patterns were kept).
    """
    try:
        data = path.read_bytes()
    except OSError:
        return {}, {}, None  # none yet (or unreadable: costs only speed)
    try:
        kept = marshal.loads(data)
    except (EOFError, ValueError, TypeError) as error:
        return {}, {}, f"marshal: {error}"
    if isinstance(kept, tuple) and len(kept) in (2, 3) and isinstance(kept[0], str):
        if kept[0] != INTERPRETER:
            return {}, {}, None
        table, programs = kept[1], kept[2] if len(kept) == 3 else {}
        if _well_formed(table, programs):
            return table, programs, None
    return {}, {}, "không phải bảng mã / not a table of code objects"


def _well_formed(table: object, programs: object) -> bool:
    """Code objects by (mode, file name, source), programs by (pattern, flags): as saved."""
    return (
        isinstance(table, dict)
        and isinstance(programs, dict)
        and all(
            isinstance(key, tuple) and len(key) == 3 and isinstance(code, CodeType)
            for key, code in table.items()
        )
        and all(
            isinstance(key, tuple) and isinstance(program, tuple) and len(program) == 5
            for key, program in programs.items()
        )
    )


def _shown(text: object) -> str:
    # app.terminal's escaping: a file name's control characters must not reach the terminal.
    from app.terminal import shown

    return shown(text)
