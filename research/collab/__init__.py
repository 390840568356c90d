"""Live co-writing: the y-websocket route, a room per open section, the update log, fan-out."""
