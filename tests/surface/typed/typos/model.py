"""A typo in Vogent's model: a type checker must refuse it."""

from vogent_client import Vogent

Vogent(api_key="sk-example").clone_voice("a.wav", name="A", model="CARTESIAN")  # typo
