"""The table of drafting rules: what each is called, how bad a slip is, the clause it
enforces and the fix — readable without loading Sphinx, so that choosing rules and
reading cached findings stay fast. A rule's check is named ``module.function`` under
``normkit.checks.rules`` and imported when it runs."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from normkit.system import Problem, Severity, StandardSystem


@dataclass(frozen=True)
class Rule:
    """One drafting rule: its name (the code is ``normkit.<name>``), how bad a slip is,
    the clause it enforces, the fix, and whether it is GB/T 1.1's Chinese-only rule."""

    name: str
    severity: Severity
    clause: str
    fix: str
    function: str  # "module.function" under normkit.checks.rules
    chinese_only: bool = False

    def check(self, context: Any) -> Iterable[Any]:
        """Run the rule on ``context`` (a checks.lint.LintContext): its Findings. (Typed
        loosely: this table stays below checks.lint, which imports it.)"""
        module, name = self.function.rsplit(".", 1)
        found: Callable[[Any], Iterable[Any]] = getattr(
            importlib.import_module(f"normkit.checks.rules.{module}"), name
        )
        return found(context)

    @property
    def code(self) -> str:
        """The stable code tools, configurations and suppressions use."""
        return f"normkit.{self.name}"


def rule_table() -> dict[str, Rule]:
    """Every rule by its name, in the order they run."""
    from normkit.checks.rules import ALL

    return {rule.name: rule for rule in ALL}


def all_rules(system: StandardSystem) -> list[Rule]:
    """Every rule that applies to this system: GB/T 1.1's rules of Chinese text only
    where the master language is Chinese (never on an English master)."""
    chinese = system.settings.master_language.startswith("zh")
    return [r for r in rule_table().values() if chinese or not r.chinese_only]


def config_problems(system: StandardSystem) -> list[Problem]:
    """Names in ``[settings.lint]`` that are no rule."""
    known = rule_table()
    problems = []
    for key, names in (
        ("select", system.settings.lint_select),
        ("ignore", system.settings.lint_ignore),
    ):
        for name in names:
            if name not in known:
                problems.append(
                    Problem(
                        "normkit.unknown-rule",
                        system.framework_file,
                        _line_in_framework(system, key),
                        f"[settings.lint] {key} names {name!r}, which is no drafting rule",
                        "name a rule of `normkit check --rules`: " + ", ".join(sorted(known)),
                    )
                )
    return problems


def _line_in_framework(system: StandardSystem, key: str) -> int | None:
    from normkit.system.toml_source import TomlSource

    try:
        source = TomlSource.read(system.framework_file)
    except Exception:  # reported by the loader
        return None
    return source.line_of(key, after=next(iter(source.table_lines("[settings.lint]")), None))


def selected(system: StandardSystem, problems: list[Problem]) -> list[Problem]:
    """``problems`` less the findings of rules ``[settings.lint]`` does not choose."""
    rules = rule_table()
    select, ignore = system.settings.lint_select, system.settings.lint_ignore
    off = {r.code for r in rules.values() if (select and r.name not in select) or r.name in ignore}
    return [p for p in problems if p.code not in off]


def describe_rules() -> str:
    """The table of drafting rules for ``normkit check --rules``."""
    lines = []
    for rule in rule_table().values():
        scope = " (Chinese master only)" if rule.chinese_only else ""
        lines.append(f"{rule.name:<26} {rule.severity:<8} {rule.clause}{scope}")
        lines.append(f"{'':<26} fix: {rule.fix}")
    lines.append(
        "Choose rules in framework.toml [settings.lint] select = [...] / ignore = [...]; "
        "silence one element with a comment before it: .. normkit-ignore: NAME, NAME"
    )
    return "\n".join(lines)
