"""The calendar feed's address on the app's own server (app.py adds these routes beside
the pages), so ``scripts/start`` still starts one process.

The token alone says whose planner the feed is (on a shared server, each person's
planner has its own). A request whose token is no planner's gets the same bare 404
whether the token is wrong, missing, revoked or never made: the response says nothing
about any planner.
"""

from __future__ import annotations

from datetime import date

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from planner import feed
from planner.journey import app_base
from planner.store import (
    LOCAL_OWNER,
    PlannerInUse,
    PlannerUnavailable,
    database_target,
    shared_database,
)


def _not_found(request: Request) -> Response:
    return PlainTextResponse("Not found", status_code=404, headers={"Cache-Control": "no-store"})


def _serve_feed(request: Request) -> Response:
    """Sync on purpose: Starlette runs it in a worker thread, off the server's event loop."""
    offered = request.path_params["token"]
    try:
        database = shared_database(database_target())
        owner = feed.owner_of(database.session(), offered)  # the lookup names no owner
        store = database.session(owner or LOCAL_OWNER)
        store.database.notice_other_writes(store.owner_id)  # another app server's saves
    except (PlannerInUse, PlannerUnavailable):
        return PlainTextResponse("The planner cannot be read right now.", status_code=503)
    stored = feed.stored_token(store) if owner else ""
    if not feed.token_matches(stored, offered):
        return _not_found(request)
    base = app_base(str(request.base_url))
    body = feed.feed_bytes(store, today=date.today(), base=base)
    return Response(
        body,
        media_type="text/calendar; charset=utf-8",
        headers={
            "Cache-Control": "no-cache",
            "Content-Disposition": 'inline; filename="interviews.ics"',
            "X-Robots-Tag": "noindex",
        },
    )


def routes() -> list[Route]:
    """The feed at ``feed.ROUTE``; any other address under /feed/ is a 404."""
    return [
        Route(feed.ROUTE, _serve_feed, methods=["GET", "HEAD"]),
        Route("/feed", _not_found),
        Route("/feed/{anything:path}", _not_found),
    ]
