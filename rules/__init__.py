"""rules: plan models in, findings out.

``check_plan(child, parent)`` is the single door: it matches the two plans through the
Đề án 13 reference catalogue and runs every enabled rule.
"""

from rules.config import RuleConfig, Waiver, load_config
from rules.engine import check_plan

__all__ = ["RuleConfig", "Waiver", "check_plan", "load_config"]
