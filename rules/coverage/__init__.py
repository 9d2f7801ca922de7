"""Coverage rules: parent indicators and tasks the child plan leaves out.

``RULES`` is the family's list, read by ``rules.registry``: a new rule's module is added
here by hand (tests/test_rules_registry.py fails on a module left out).
"""

from __future__ import annotations

from rules.coverage import C001, C002, C003

RULES = (C001.RULE, C002.RULE, C003.RULE,)
