"""app: the front ends (command line and web) on top of extract, rules and reports."""

# First, before any front end loads typer, pydantic and the stages: their dataclass
# methods and string annotations are compiled from a kept table (app.generated_code).
from app.generated_code import install as _install_generated_code

_install_generated_code()
