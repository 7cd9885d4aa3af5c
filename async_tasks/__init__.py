"""Frame-aware asyncio tasks, timers on the runtime's one clock, and resources.

Tasks here are owned by a signals owner (a component scope): disposing the
owner cancels them, and what they write reaches the scene at the next frame
boundary. This package may import `signals` and the standard library; it never
imports `sdk`, `renderer` or `components`.
"""
