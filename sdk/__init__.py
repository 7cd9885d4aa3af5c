"""Where signals meet the renderer: components, the reconciler and the runtime.

`sdk` holds the component model (elements, `@component`, hooks), the reconciler
that diffs component trees into renderer scene commands, the runtime (App,
clock, frame loop, message bus), the testing harness and the CLI. It may import
`signals`, `async_tasks` and `renderer`; it never imports `components` or `apps`.
"""
