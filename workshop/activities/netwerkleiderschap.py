"""Netwerkleiderschap: four leadership roles in a network, each checked for coverage and contributors.

Sources: 'Samenwerken in het sociaal domein' (004), 'Hoe geven we netwerkleiderschap vorm?' for the kernvraag
of each role and the model (richten / inrichten & verrichten × verduurzamen / vernieuwen; De Caluwé & Kaats,
2016); the handbook of 002 for the worksheet 'Werkblad: netwerkleiderschap' (Kaats & Opheij, 2012) with its
four questions per role and 'Zijn de rollen in balans vertegenwoordigd?', and for the line per role on what
its contribution aims at. (The worksheet's fourth table calls the procesmanager a verkenner; 004 is followed.)

The beamer shows the roles in the model's 2x2 quadrant, each with how well it is covered and the people or
organisations named most often as contributors; a second view shows the cards per role.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass

from .base import ActivityType, Answer, Choice, Entry, Group, Item, Option, Participant, Text

JA_DEELS_NEE = Choice((Option("ja", "Ja", "check", "groen"),
                       Option("deels", "Deels", "question", "oranje"),
                       Option("nee", "Nee", "cross", "rood")))
NAMES = Text(max_length=80, max_entries=8, placeholder="Bijv. Gemeente Venlo")
THOUGHTS = Text(max_length=280, max_entries=3)

# The model's axes, in the order the beamer draws them.
ROWS = (("richten", "Richten"), ("inrichten", "Inrichten & verrichten"))
COLUMNS = (("verduurzamen", "Verduurzamen"), ("vernieuwen", "Vernieuwen"))
TOP_NAMES = 5  # how many of the names mentioned most the beamer shows per role
# A card of names is split on these; what is left is trimmed of spaces, bullets, quotes and a final full stop.
SEPARATORS = str.maketrans({";": ",", "\n": ","})
TRIM = " .-–—•·\"'“”‘’"


@dataclass(frozen=True)
class Role:
    id: str
    name: str  # as in a sentence: 'strateeg'
    kernvraag: str
    aim: str  # what the role's contribution aims at
    row: str
    column: str

    @property
    def label(self) -> str:
        return self.name.capitalize()

    @property
    def place(self) -> tuple[int, int]:
        """(row, column) in the quadrant, counting from 1."""
        return [r for r, _ in ROWS].index(self.row) + 1, [c for c, _ in COLUMNS].index(self.column) + 1


ROLES = (
    Role("strateeg", "strateeg", "Hoe geven we invulling aan de koers van het netwerk?",
         "het formuleren van de koers van het netwerk", "richten", "verduurzamen"),
    Role("verkenner", "verkenner", "Hoe houden we contact met en staan we open voor onze omgeving?",
         "het zoeken naar nieuwe innovaties, kansen en mogelijkheden", "richten", "vernieuwen"),
    Role("ontwikkelaar", "ontwikkelaar", "Hoe creëren we condities om betekenisvol samen te werken?",
         "het verbeteren van de kwaliteit van de samenwerking en de samenwerkingsvaardigheden van partners",
         "inrichten", "verduurzamen"),
    Role("procesmanager", "procesmanager", "Hoe zorgen we voor effectieve samenwerkingsprocessen?",
         "het uitlijnen van het procesverloop", "inrichten", "vernieuwen"),
)
BALANCE = "balans"


def role_items(role: Role) -> tuple[Item, ...]:
    """The worksheet's four questions for one role."""
    return (
        Item(f"{role.id}-belegd", f"Is de rol van {role.name} voldoende belegd?",
             f"De bijdrage van de {role.name} is gericht op {role.aim}.", JA_DEELS_NEE, group=role.id),
        Item(f"{role.id}-namen", f"Welke personen of organisaties leveren vooral een bijdrage als {role.name}?",
             "Eén naam per kaart; meer namen op één kaart kan ook, gescheiden door komma’s.", NAMES,
             group=role.id),
        Item(f"{role.id}-bijdrage", f"Wat is mijn persoonlijke bijdrage als {role.name}?", "", THOUGHTS,
             group=role.id),
        Item(f"{role.id}-versterking", f"Indien relevant: wat zijn mogelijkheden ter versterking van de rol "
             f"van {role.name} in het netwerk?", "", THOUGHTS, group=role.id),
    )


def name_key(name: str) -> str:
    """Names count as one regardless of case and spacing: 'gemeente  venlo' is 'Gemeente Venlo'."""
    return " ".join(name.split()).casefold()


def split_names(text: str) -> list[str]:
    """The names on one card: split on commas and semicolons, trimmed, empty parts left out."""
    parts = (" ".join(part.split()).strip(TRIM) for part in text.translate(SEPARATORS).split(","))
    return [part for part in parts if part]


def count_names(entries: list[Entry]) -> list[dict]:
    """Names on the (visible) cards, most often mentioned first: per name the number of participants who
    mentioned it (a person naming it twice counts once), shown in its most common spelling."""
    people: dict[str, set[int]] = defaultdict(set)
    spellings: dict[str, Counter] = defaultdict(Counter)
    for entry in entries:
        if entry.hidden:
            continue
        for name in split_names(entry.text):
            key = name_key(name)
            people[key].add(entry.participant_id)
            spellings[key][name] += 1  # Counter keeps first-seen order for ties in most_common
    names = [{"name": spellings[key].most_common(1)[0][0], "count": len(people[key])} for key in people]
    return sorted(names, key=lambda n: (-n["count"], n["name"].casefold()))


@dataclass(frozen=True)
class Netwerkleiderschap(ActivityType):
    """The worksheet netwerkleiderschap: per role coverage, contributors, own contribution, reinforcement."""

    roles: tuple[Role, ...] = ROLES
    rows: tuple[tuple[str, str], ...] = ROWS
    columns: tuple[tuple[str, str], ...] = COLUMNS

    def aggregate(self, answers: list[Answer], participants: dict[int, Participant],
                  entries: list[Entry] = ()) -> dict:
        result = super().aggregate(answers, participants, entries)
        items = result["items"]
        roles = []
        for role in self.roles:
            names = count_names([e for e in entries if e.item == f"{role.id}-namen"])
            roles.append({
                "id": role.id, "label": role.label, "question": role.kernvraag, "aim": role.aim,
                "row": role.row, "column": role.column,
                "coverage": items[f"{role.id}-belegd"],
                "names": names[:TOP_NAMES], "more_names": max(0, len(names) - TOP_NAMES),
            })
        return {**result, "roles": roles, "balance": items[BALANCE]}


NETWERKLEIDERSCHAP = Netwerkleiderschap(
    kind="netwerkleiderschap",
    title="Netwerkleiderschap",
    intro="Netwerkleiderschap is een gedeelde verantwoordelijkheid. Geef per rol aan of die voldoende belegd "
          "is, wie er vooral een bijdrage aan leveren, wat jouw eigen bijdrage is en, als dat relevant is, hoe "
          "de rol versterkt kan worden. Tot slot: zijn de rollen in balans?",
    items=(*(item for role in ROLES for item in role_items(role)),
           Item(BALANCE, "Zijn de rollen in balans vertegenwoordigd?",
                "Kijk naar de vier rollen samen: strateeg, verkenner, ontwikkelaar en procesmanager.",
                JA_DEELS_NEE, group=BALANCE)),
    groups=(*(Group(role.id, f"De netwerkleider als {role.name}", f"Kernvraag: {role.kernvraag[0].lower()}"
                    f"{role.kernvraag[1:]}") for role in ROLES),
            Group(BALANCE, "De rollen samen")),
    views=(("kwadrant", "Kwadrant: dekking en namen per rol"), ("kaarten", "Kaarten per rol")),
    source="Werkblad netwerkleiderschap (Kaats & Opheij, 2012); model en kernvragen: De Caluwé & Kaats (2016), "
           "Netwerkleiderschap: werk maken van een gedeelde verantwoordelijkheid",
)
