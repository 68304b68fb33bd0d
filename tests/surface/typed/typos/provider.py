"""A typo in Retell's voice_provider: a type checker must refuse it."""

from retell_client import Retell

Retell(api_key="sk-example").clone_voice(["a.wav"], voice_name="A", voice_provider="elevenlab")  # typo
