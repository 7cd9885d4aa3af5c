"""Example apps and the demo data service. Run from the checkout, never installed.

Apps import the public APIs of `components`, `sdk`, `signals` and `async_tasks`;
nothing in the SDK imports `apps`.
"""
