"""Pure-Python tests: core logic, the store, the sandbox, real loopback HTTP; no window."""
