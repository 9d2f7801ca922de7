"""Target rules: figures weaker than the parent's, incomparable, impossible or dropped.

``RULES`` is the family's list, read by ``rules.registry``: a new rule's module is added
here by hand (tests/test_rules_registry.py fails on a module left out).
"""

from __future__ import annotations

from rules.targets import T001, T002, T003, T004

RULES = (T001.RULE, T002.RULE, T003.RULE, T004.RULE)
