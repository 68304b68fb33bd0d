"""Spec drift checks: ``generated/`` against the vendored specs, and the vendored specs against upstream.

:mod:`~sdkgen.drift.sources` loads and validates pages and specs, :mod:`~sdkgen.drift.resolve` inlines ``$ref``\\ s,
:mod:`~sdkgen.drift.compare` and :mod:`~sdkgen.drift.schemas` hold the comparison rules, :mod:`~sdkgen.drift.hygiene`
the warnings about a spec's own inconsistencies, :mod:`~sdkgen.drift.check` puts them together for one vendor,
:mod:`~sdkgen.drift.report` renders text, JSON and markdown, :mod:`~sdkgen.drift.generated` checks for stale
generated code, :mod:`~sdkgen.drift.update` is the atomic ``--update`` and :mod:`~sdkgen.drift.cli` the
``python -m sdkgen drift`` command.
"""
