"""Benchmarks of the generated clients against the official retell-sdk and bare httpx; run with ``nox -s bench``.

``python -m benchmarks`` measures and writes ``BENCHMARKS.md`` and ``benchmarks/memory.png``; the modules:
:mod:`~benchmarks.sink` (loopback server), :mod:`~benchmarks.clients` (the three clients), :mod:`~benchmarks.worker`
(one measurement per fresh process), :mod:`~benchmarks.measures` (runs and repetitions), :mod:`~benchmarks.regen`
(regeneration and drift timings), :mod:`~benchmarks.report` and :mod:`~benchmarks.chart` (the outputs).
"""
