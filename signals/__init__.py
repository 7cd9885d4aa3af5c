"""Marquee's reactive core: signals, computeds, effects, owners and context.

This package is the bottom layer. It imports nothing of Marquee's (only the
standard library and, for the bridge, reactivex). Everything else - components,
async tasks, the runtime - is built on it.
"""
