"""The distribution's name and version: written by sdkgen from specs/<vendor>/config.yaml."""

__title__ = "vogent-client"
__version__ = "1.0.0"
