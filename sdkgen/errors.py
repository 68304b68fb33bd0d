"""The one error type the tooling raises for problems a maintainer has to fix."""


class SdkgenError(Exception):
    """A spec, a page or a generator run that cannot be used; the message names the input and the reason."""


class UnacceptedWarnings(SdkgenError):
    """Generation warned about what ``accepted_warnings`` in ``config.yaml`` does not accept; ``warnings`` lists each
    warning's text, as an entry's ``match`` would take it."""

    def __init__(self, message: str, warnings: list[str]) -> None:
        super().__init__(message)
        self.warnings = warnings
