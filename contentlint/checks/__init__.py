"""Built-in Python rules: one rule per module. See contentlint.registry."""
