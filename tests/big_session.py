"""A big session built straight through the use cases (no server, no sockets): 3,000 cards in a few seconds."""

from workshop.sessions import Workshops
from workshop.store import Store

ORGANISATIONS = [f"Organisatie {n}" for n in range(1, 11)]
MOTIVES = ("instrumenteel", "affectief", "moreel")


def build(data_dir, cards=3000, per_person=15) -> dict:
    """A motieven session in which `cards // per_person` people of ten organisations wrote `per_person` cards
    each (five per motive) and graded both questions; returns the code and the facilitator key."""
    store = Store(data_dir)
    workshops = Workshops(store)
    code, key = workshops.create("Groot werkatelier", ["motieven", "halen_brengen", "succesfactoren"])
    workshops.control(code, "open", activity_id=1)
    for person in range(cards // per_person):
        pid = workshops.join(code, name=f"Deelnemer {person}",
                             organisation=ORGANISATIONS[person % len(ORGANISATIONS)])["participant_id"]
        for number in range(per_person):
            workshops.add_entry(code, pid, 1, MOTIVES[number % 3],
                                f"Kaart {number} van deelnemer {person}: samen werken we aan een thuis in de wijk")
        workshops.answer(code, pid, 1, "bekend", 1 + person % 5)
        workshops.answer(code, pid, 1, "vertalen", 1 + (person * 7) % 5)
    store.close()
    return {"code": code, "facilitator_key": key}
