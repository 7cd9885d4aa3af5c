"""Benchmarks of async_tasks (spawned task steps against plain asyncio)."""
