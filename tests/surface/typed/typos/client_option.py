"""A typo in a client option: a type checker must refuse it."""

from retell_client import Retell

Retell(api_key="sk-example", maxretries=2)  # typo
