"""The real server (run.py, eventlet) with real Socket.IO clients: a room full of phones, and a crash."""

import random
import threading
import time

import socketio

from .support import COLOURS, FACTORS, aggregate_counts, counts_of, wait_for

PHONES = 20
ORGANISATIONS = ("Gemeente Roermond", "Woonstichting Noord", "GGD Limburg")


def facilitator(sio_client, session, reconnection=False):
    client = sio_client(reconnection=reconnection)
    ack = client.call("facilitate", {"code": session["code"], "key": session["facilitator_key"]}, timeout=5)
    assert ack["ok"], ack
    return client


def latest(recorder, event):
    """The payload with the highest seq of an event, or None."""
    payloads = recorder.of(event)
    return max(payloads, key=lambda p: p["seq"]) if payloads else None


def test_twenty_phones_answer_and_the_facilitator_sees_exactly_that(api, sio_client):
    session = api.create_session("Twintig telefoons")
    activity_id = api.activity_id(session)
    console = facilitator(sio_client, session)
    assert console.call("control", {"action": "open", "activity_id": activity_id}, timeout=5)["ok"]

    phones = [sio_client() for _ in range(PHONES)]
    rng = random.Random(20)
    plans = []  # per phone: its organisation and the answers it sends, in order (some changed later)
    for n in range(PHONES):
        sends = [(item, rng.choice(COLOURS)) for item in FACTORS]
        sends += [(item, rng.choice(COLOURS)) for item in rng.sample(FACTORS, 2)]  # changes of mind
        plans.append((ORGANISATIONS[n % len(ORGANISATIONS)], sends))

    start = threading.Barrier(PHONES)
    final, org_of, failures, lock = {}, {}, [], threading.Lock()  # (participant_id, item) -> value; id -> org

    def phone(client, organisation, sends, n):
        try:
            joined = client.call("join", {"code": session["code"], "name": f"Deelnemer {n}",
                                          "organisation": organisation}, timeout=5)
            assert joined["ok"] and joined["activity"]["id"] == activity_id and joined["answers"] == {}, joined
            with lock:
                org_of[joined["participant_id"]] = organisation
            start.wait(timeout=10)  # all phones answer at once: a burst
            for item, value in sends:
                ack = client.call("answer", {"activity_id": activity_id, "item": item, "value": value}, timeout=5)
                assert ack == {"ok": True, "activity_id": activity_id, "item": item, "value": value}, ack
                with lock:
                    final[(joined["participant_id"], item)] = value
        except BaseException as error:  # noqa: BLE001  (reported by the test thread below)
            with lock:
                failures.append(f"phone {n}: {error!r}")
            start.abort()

    threads = [threading.Thread(target=phone, args=(client, *plan, n)) for n, (client, plan) in
               enumerate(zip(phones, plans, strict=True))]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    took = time.monotonic() - began
    assert not failures, failures
    sent = sum(len(sends) for _, sends in plans)
    assert len(final) == PHONES * len(FACTORS)

    expected = counts_of(final)
    aggregate = wait_for(lambda: (a := latest(console.recorder, "results")) and
                         aggregate_counts(a["aggregate"]) == expected and a["aggregate"],
                         timeout=5, message="the facilitator's results to match the answers sent")

    # Exactly what was sent: the counts per factor, the respondents, the priority, per organisation.
    assert aggregate["respondents"] == PHONES
    assert [i["id"] for i in aggregate["items"]] == list(FACTORS)
    assert aggregate["priority"] == sorted(FACTORS, key=lambda i: (-expected[i]["rood"], -expected[i]["oranje"],
                                                                   FACTORS.index(i)))
    assert [o["name"] for o in aggregate["organisations"]] == sorted(ORGANISATIONS, key=str.casefold)
    for org in aggregate["organisations"]:
        mine = {key: value for key, value in final.items() if org_of[key[0]] == org["name"]}
        assert org["respondents"] == len({pid for pid, _ in mine})
        assert {item: {k: cell[k] for k in (*COLOURS, "total")} for item, cell in org["items"].items()} \
            == counts_of(mine), org["name"]
    # The REST API agrees with the live aggregate, to the last field.
    assert api.results(session)[activity_id] == aggregate

    # Coalescing: a burst of answers is a handful of snapshots, not one emit per answer.
    emits = [r for r in console.recorder.of("results") if r["activity_id"] == activity_id]
    assert 1 <= len(emits) <= max(10, sent // 10), (len(emits), sent, took)
    wait_for(lambda: (p := latest(console.recorder, "presence")) and p["participants"] == PHONES,
             message=f"presence to say {PHONES} participants")
    assert len(console.recorder.of("presence")) < PHONES


def test_a_killed_server_keeps_every_acknowledged_answer(server, api, sio_client):
    session = api.create_session("Stroomstoring")
    activity_id = api.activity_id(session)
    console = facilitator(sio_client, session, reconnection=True)
    assert console.call("control", {"action": "open", "activity_id": activity_id}, timeout=5)["ok"]

    phones = []
    for n in range(8):
        client = sio_client()
        joined = client.call("join", {"code": session["code"], "name": f"P{n}",
                                      "organisation": ORGANISATIONS[n % 3]}, timeout=5)
        assert joined["ok"], joined
        phones.append((client, joined["participant_id"], joined["token"]))

    acked, in_flight, lock = {}, {}, threading.Lock()  # (participant_id, item) -> value
    total = [0]  # answers acknowledged so far
    stop = threading.Event()

    def keep_answering(client, pid):
        turn = 0
        while not stop.is_set():
            item, value = FACTORS[turn % len(FACTORS)], COLOURS[(turn // len(FACTORS) + pid) % len(COLOURS)]
            turn += 1
            with lock:
                in_flight[(pid, item)] = value
            try:
                ack = client.call("answer", {"activity_id": activity_id, "item": item, "value": value}, timeout=1.5)
            except (socketio.exceptions.SocketIOError, OSError):
                return  # the server is gone: this answer's fate is unknown (it stays in flight)
            with lock:
                if ack.get("ok"):
                    acked[(pid, item)] = value
                    del in_flight[(pid, item)]
                    total[0] += 1
                else:
                    return

    threads = [threading.Thread(target=keep_answering, args=(client, pid)) for client, pid, _ in phones]
    for thread in threads:
        thread.start()
    wait_for(lambda: total[0] >= 2 * len(phones) * len(FACTORS), timeout=10, interval=0.005,
             message="the phones to have answered every factor, twice")
    assert all(thread.is_alive() for thread in threads), "every phone is still answering when the server dies"
    server.restart()  # SIGKILL in the middle of the answering, then start on the same port and data
    stop.set()
    for thread in threads:
        thread.join(timeout=5)
    with lock:
        acked, in_flight = dict(acked), dict(in_flight)
    assert len(acked) == len(phones) * len(FACTORS)

    # Every acknowledged answer survived; anything else stored is an answer sent just before the kill.
    stored = api.stored_answers(session, activity_id)
    lost = {key: value for key, value in acked.items()
            if key not in stored or stored[key] not in (value, in_flight.get(key))}
    assert not lost, f"acknowledged answers lost or changed by the crash: {lost}"
    assert set(stored) == set(acked)
    results = api.results(session)[activity_id]
    assert aggregate_counts(results) == counts_of(stored)
    assert results["respondents"] == len(phones)

    # The facilitator's socket reconnects by itself and authenticates again with its key.
    wait_for(lambda: console.connected and len(console.recorder.of("connect")) >= 2, timeout=10,
             message="the facilitator client to reconnect")
    again = console.call("facilitate", {"code": session["code"], "key": session["facilitator_key"]}, timeout=5)
    assert again["ok"], again
    assert again["results"][str(activity_id)] == results
    assert again["session"]["activities"][0]["state"] == "open"
    wrong = console.call("facilitate", {"code": session["code"], "key": "not-the-key"}, timeout=5)
    assert wrong["ok"] is False and wrong["reason"] == "forbidden"

    # The phones come back with their tokens: the same participants, their answers back...
    for n, (_, pid, token) in enumerate(phones):
        phone = sio_client()
        joined = phone.call("join", {"code": session["code"], "token": token}, timeout=5)
        assert joined["ok"], joined
        assert joined["participant_id"] == pid and joined["token"] == token
        assert joined["name"] == f"P{n}" and joined["organisation"] == ORGANISATIONS[n % 3]
        assert joined["activity"]["id"] == activity_id and joined["activity"]["state"] == "open"
        assert joined["answers"] == {item: value for (p, item), value in stored.items() if p == pid}
    # ...and they can go on answering.
    new_value = next(c for c in COLOURS if c != stored[(pid, "visie")])
    ack = phone.call("answer", {"activity_id": activity_id, "item": "visie", "value": new_value}, timeout=5)
    assert ack["ok"], ack
    assert api.stored_answers(session, activity_id)[(pid, "visie")] == new_value
    assert api.get(f"/api/sessions/{session['code']}", session["facilitator_key"])["participants"] == len(phones)
    # ...and the reconnected facilitator sees that answer live.
    expected = aggregate_counts(api.results(session)[activity_id])
    wait_for(lambda: any(aggregate_counts(r["aggregate"]) == expected for r in console.recorder.of("results")),
             message="the reconnected facilitator to receive the new answer")

