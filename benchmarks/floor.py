"""The floor: a bare Flask-SocketIO relay that speaks just enough of Werkatelier's protocol for the
benchmark's clients. It receives an answer, counts it in memory, emits the item's count to the
session's screens (one emit per answer, no coalescing, no storage) and acknowledges. Once the results are
released to the phones (`control` `release_results`), it sends the counts to all the session's phones at the
app's cadence (WORKSHOP_PHONE_RESULTS_INTERVAL), whenever they changed: the bare cost of that fan-out. A card
(`add_entry`) goes to the screens as it comes, one small emit per card.

    python benchmarks/floor.py --port 5050 [--async-mode eventlet|gevent|threading]
"""

import argparse
import warnings

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, required=True)
parser.add_argument("--async-mode", default="eventlet", choices=("eventlet", "gevent", "threading"))
args = parser.parse_args()
if args.async_mode == "eventlet":
    warnings.filterwarnings("ignore", message=r"\s*Eventlet is deprecated")
    import eventlet

    eventlet.monkey_patch()
elif args.async_mode == "gevent":
    from gevent import monkey

    monkey.patch_all()

import os  # noqa: E402
import secrets  # noqa: E402
import threading  # noqa: E402
from collections import Counter, defaultdict  # noqa: E402

from flask import Flask, request  # noqa: E402
from flask_socketio import SocketIO, join_room  # noqa: E402

app = Flask(__name__)
socketio = SocketIO(app, async_mode=args.async_mode)
counts: dict[str, Counter] = defaultdict(Counter)  # session code -> item -> answers
code_of: dict[str, str] = {}  # connection -> session code
lock = threading.Lock()
PHONE_INTERVAL = float(os.environ.get("WORKSHOP_PHONE_RESULTS_INTERVAL") or 1.0)
released: set[str] = set()  # sessions whose counts go to the phones too
card_ids = iter(range(1, 10**9))


@app.post("/api/sessions")
def create_session():
    return {"code": secrets.token_hex(3).upper(), "facilitator_key": "floor"}, 201


@app.get("/")
def index():
    return "floor"


@socketio.on("facilitate")
def on_facilitate(data):
    code_of[request.sid] = data["code"]
    join_room(f"screens:{data['code']}")
    return {"ok": True, "session": {"activities": [{"id": 1}]}, "results": {}}


@socketio.on("control")
def on_control(data):
    code = code_of.get(request.sid)
    if data.get("action") == "release_results" and code not in released:
        released.add(code)
        socketio.start_background_task(send_to_phones, code)
    return {"ok": True}


def send_to_phones(code: str):
    """Every PHONE_INTERVAL, the counts to the session's phones in one emit, if they changed."""
    sent, seq = None, 0
    while True:
        with lock:
            now = dict(counts[code])
        if now != sent:
            seq += 1
            aggregate = {"items": {item: {"total": total} for item, total in now.items()}}
            socketio.emit("phone_results", {"activity_id": 1, "aggregate": aggregate, "seq": seq},
                          to=f"phones:{code}")
            sent = now
        socketio.sleep(PHONE_INTERVAL)


@socketio.on("join")
def on_join(data):
    code_of[request.sid] = data["code"]
    join_room(f"phones:{data['code']}")
    return {"ok": True, "participant_id": request.sid, "token": request.sid}


@socketio.on("answer")
def on_answer(data):
    code = code_of.get(request.sid)
    if code is None:  # refused, as the app refuses an answer before `join`
        return {"ok": False, "reason": "not_joined"}
    with lock:
        counts[code][data["item"]] += 1
        total = counts[code][data["item"]]
    socketio.emit("count", {"item": data["item"], "total": total}, to=f"screens:{code}")
    return {"ok": True}


@socketio.on("add_entry")
def on_add_entry(data):
    code = code_of.get(request.sid)
    if code is None:
        return {"ok": False, "reason": "not_joined"}
    with lock:
        card_id = next(card_ids)
    socketio.emit("card", {"id": card_id, "item": data["item"], "text": data["text"]}, to=f"screens:{code}")
    return {"ok": True, "entry": {"id": card_id, "item": data["item"], "text": data["text"]}}


if __name__ == "__main__":
    print(f"floor relay on {args.port} ({args.async_mode})", flush=True)
    options = {"eventlet": {"max_size": 10000}, "gevent": {}}.get(args.async_mode, {"allow_unsafe_werkzeug": True})
    socketio.run(app, host="127.0.0.1", port=args.port, log_output=False, **options)
