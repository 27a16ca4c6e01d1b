"""Pure domain logic: no storage, no UI, no clock."""
