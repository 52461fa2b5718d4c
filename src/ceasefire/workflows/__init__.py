"""Use cases: each takes an Actor, opens a unit of work, uses the store; CLI and API call them."""
