"""The one error type the tooling raises for problems a maintainer has to fix."""


class SdkgenError(Exception):
    """A spec, a page or a generator run that cannot be used; the message names the input and the reason."""
