"""Type stubs for the compiled module haidian._core (checked against the module by a test)."""

__version__: str

class UnitError(ValueError): ...

# ---- series ----

# ---- decomposition ----

# ---- decoupling ----

# ---- input-output ----
