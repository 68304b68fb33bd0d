"""A typo in an argument of a raw-response method: a type checker must refuse it."""

from retell_client import Retell

Retell(api_key="sk-example").with_raw_response.clone_voice(["a.wav"], voice_nam="A", voice_provider="cartesia")  # typo
