"""Rules: small registered checks over the model (no I/O)."""

from mcpaudit.rules.registry import RULES, Rule, RuleContext, load_all, rule, run_rules

__all__ = ["RULES", "Rule", "RuleContext", "load_all", "rule", "run_rules"]
