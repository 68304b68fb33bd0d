"""Tooling that turns the vendored Retell and Vogent OpenAPI specs into client packages.

The public entry points are :func:`sdkgen.generate.generate` and the ``python -m sdkgen`` command line.
"""
