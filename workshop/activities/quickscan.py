"""Quick scan samenwerking: a grade 1–10 for each of the five conditions, with its four questions as help.

Source: 'Samenwerken in het sociaal domein' (004), 'Quick scan samenwerking'. The scan exists to
exchange perspectives, so the result shows every grade and marks where the group disagrees.
"""

from .base import ActivityType, Item, Scale

GRADE = Scale(1, 10, "slecht", "uitstekend")

CONDITIONS = (
    Item("ambitie", "Ambitie", "Werk aan gedeelde ambities", GRADE, (
        "Hebben we een duidelijk beeld van onze gedeelde ambitie?",
        "Zijn we het eens over de gedeelde ambitie?",
        "Is deze ambitie inspirerend voor onszelf en onze achterbannen?",
        "Gaan we er echt voor en maken we voortgang?")),
    Item("belangen", "Belangen", "Speel in op elkaars motieven en belangen", GRADE, (
        "Bespreken we onze belangen expliciet?",
        "Draagt de ambitie in voldoende mate bij aan onze belangen?",
        "Zijn we oprecht geïnteresseerd in elkaars belangen?",
        "Doen we moeite om elkaars belangen te realiseren?")),
    Item("relatie", "Relatie", "Ontwikkel betekenisvolle persoonlijke relaties", GRADE, (
        "Is er aandacht voor de kwaliteit van groepsprocessen?",
        "Waarderen we de manier waarop het leiderschap in de samenwerking is vormgegeven?",
        "Hebben we de juiste mensen aan tafel?",
        "Is er voldoende onderling vertrouwen?")),
    Item("organisatie", "Organisatie", "Organiseer professioneel", GRADE, (
        "Past de organisatie van de samenwerking bij ons als partners en bij onze ambitie?",
        "Hebben we draagvlak van onze achterban?",
        "Kan er daadkrachtig worden besloten?",
        "Komen we afspraken na?")),
    Item("proces", "Proces", "Zorg voor een goed proces", GRADE, (
        "Zijn er duidelijke fasen en mijlpalen in het proces?",
        "Is er een goede balans tussen aandacht voor de inhoud en voor het proces?",
        "Is duidelijk wie de procesregie voert en functioneert dit goed?",
        "Evalueren we de inhoudelijke voortgang en de kwaliteit van de samenwerking voldoende?")),
)

QUICKSCAN = ActivityType(
    kind="quickscan",
    title="Quick scan samenwerking",
    intro="Geef per conditie een cijfer van 1 tot en met 10. De vragen eronder helpen je bij het kiezen. "
          "Tijdens de bijeenkomst wisselen we de perspectieven uit.",
    items=CONDITIONS,
    views=(("verdeling", "Verdeling per conditie"), ("organisaties", "Per organisatie")),
    source="Samenwerken in het sociaal domein, Quick scan samenwerking",
)
