"""The API's operations, keyed by operationId: written by sdkgen from the spec and the generator's layout.

Front doors reach their endpoints only through this module, so a retagged operation or a renamed schema
changes this file and nothing hand-written. Each ``<Operation>Body`` and ``<Operation>Result`` names the
generated class of that role (``Any`` when the role is not a single model); each ``<Operation><Field>`` the
type a body field of an enum type takes: one of the values the spec lists, or a member of the enum."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._operation import Operation

if TYPE_CHECKING:
    from typing import Literal, TypeAlias

    from .models import ai_voice as _ai_voice
    from .models import clone_voice_input as _clone_voice_input
    from .models import voice_model as _voice_model

    CloneVoiceBody: TypeAlias = _clone_voice_input.CloneVoiceInput
    CloneVoiceResult: TypeAlias = _ai_voice.AIVoice
    CloneVoiceModel: TypeAlias = Literal["CARTESIA", "CSM"] | _voice_model.VoiceModel


clone_voice: Operation[CloneVoiceBody, CloneVoiceResult] = Operation(
    operation_id="cloneVoice",
    method="POST",
    path="/voices/clone",
    endpoint=".api.default.clone_voice",
    body=(".models.clone_voice_input", "CloneVoiceInput"),
    success=((200, 200),),
    default=False,
    accept="application/json",
    auth=("header", "Authorization", "Bearer "),
)

BY_OPERATION_ID: dict[str, Operation[Any, Any]] = {"cloneVoice": clone_voice}
"""Every operation, by its operationId."""
