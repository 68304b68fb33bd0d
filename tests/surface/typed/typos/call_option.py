"""A typo in a per-call option: a type checker must refuse it."""

from vogent_client import AsyncVogent


async def clone() -> None:
    await AsyncVogent(api_key="sk-example").clone_voice("a.wav", name="A", model="CSM", timeuot=5.0)  # typo
