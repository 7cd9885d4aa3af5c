"""Shared pytest configuration for Marquee's own test suite."""
