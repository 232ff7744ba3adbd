"""One module per step of the journey: what its page shows, and what its page can do.

Each module has
- a frozen view dataclass and ``load(store, *, today, ...)``, which makes every read
  the page needs in one call (remembered until the planner's next write, through
  ``read_cache.cached_read``), and
- commands: one function per user action, each saved in one transaction (all or
  nothing; a transaction opened inside another joins it). A refusal is one of
  ``planner.errors``; its sentence is the one the page shows.

Pages draw the view and call the commands; the rules and their wording live in the
planner's domain modules, the SQL in the store.
"""
