"""A live session: events, the engine (a pure fold), the journal and session folders."""
