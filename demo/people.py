"""Invented people, places and numbers, so that no demo report can describe a real person or family.

Names are ordinary UK first names with made-up surnames; phone numbers are from Ofcom's ranges reserved
for drama (07700 900xxx, 01632 960xxx); NHS numbers use the 999 test range, which is never issued;
e-mail addresses use example.org only.
"""

from __future__ import annotations

import random

GIRLS = ("Ellie", "Amelia", "Maisie", "Ruby", "Layla", "Freya", "Isla", "Poppy", "Skye", "Mia", "Lacey",
         "Kayla", "Amber", "Jessica", "Evie", "Grace", "Chloe", "Tia", "Darcey", "Niamh")
BOYS = ("Kai", "Tyler", "Riley", "Mason", "Alfie", "Harley", "Jayden", "Callum", "Leo", "Ethan", "Charlie",
        "Logan", "Oscar", "Reece", "Harvey", "Bailey", "Jack", "Owen", "Noah", "Liam")
WOMEN = ("Kerry", "Leanne", "Stacey", "Gemma", "Danielle", "Kirsty", "Sophie", "Natalie", "Jade", "Charlotte",
         "Hayley", "Rebecca", "Lauren", "Shannon", "Amy", "Nicola")
MEN = ("Dean", "Craig", "Lee", "Wayne", "Darren", "Jamie", "Scott", "Ryan", "Carl", "Gavin", "Shane",
       "Marcus", "Ricky", "Stuart")
OLDER_WOMEN = ("Doreen", "Maureen", "Brenda", "Sheila", "Jean", "Pauline", "Margaret", "Irene", "Valerie",
               "Sylvia", "Barbara", "Joan")
OLDER_MEN = ("Derek", "Ken", "Trevor", "Roy", "Malcolm", "Dennis", "Keith", "Brian", "Clive", "Norman",
             "Raymond", "Gordon")
SURNAMES = ("Pellowby", "Fenshaw", "Tollerby", "Marrowfield", "Hatherwick", "Stonecrake", "Farrowdale",
            "Brackwell", "Larkhollow", "Pennigrew", "Dunmallet", "Thrushcombe", "Kestleby", "Orchardley",
            "Bramblewick", "Cindersby", "Gorsefield", "Harlowbeck", "Kettlewhite", "Mossbury", "Nettlefold",
            "Wrenfold", "Ashlock", "Quillan", "Tinderley", "Mistlethorpe", "Ravensholt", "Sallowby")
COLLEAGUES = ("Priya", "Tom", "Bex", "Marcia", "Jo", "Gareth", "Anita", "Suzanne", "Kwame", "Fiona", "Dave",
              "Helen", "Imran", "Lisa")
STREETS = ("Quillfeather Road", "Cobnut Lane", "Tallowmere Close", "Pennyroyal Way", "Sorrelgate Street",
           "Mistlethwaite Avenue", "Brackenmoor Drive", "Larkhollow Crescent", "Tinderbox Row", "Fellgarth Terrace",
           "Wrenfold Gardens", "Kettlewhite Court", "Gorsefield Walk", "Nettlefold Road", "Cindersby Place",
           "Thrushcombe Rise")
SCHOOLS = ("Brackenmoor Primary", "Fellgarth Academy", "Thornwick Ley Primary", "Mistlebrook Infants",
           "Larkhollow Community School", "Tallowmere Junior School", "Wrenfold High", "Gorsefield Nursery",
           "Cobnut Lane Primary", "Pennyroyal College")
HOSPITALS = ("Fellgarth General", "Tallowmere Community Hospital", "Brackenmoor Infirmary")
RELATIVES = {"son": MEN, "daughter": WOMEN, "nephew": MEN, "niece": WOMEN}

MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")
WEEKDAYS = ("Mon", "Tues", "Weds", "Thurs", "Fri", "Sat", "Sun")


def name_lists() -> dict[str, tuple[str, ...]]:
    """Every invented name and place the generator can put into a narrative."""
    return {"first_name": GIRLS + BOYS + WOMEN + MEN + OLDER_WOMEN + OLDER_MEN + COLLEAGUES,
            "surname": SURNAMES, "street": STREETS, "school": SCHOOLS, "hospital": HOSPITALS}


def phone_number(rng: random.Random) -> str:
    return rng.choice(("07700 900{:03d}", "07700900{:03d}", "01632 960{:03d}")).format(rng.randint(0, 999))


def nhs_number(rng: random.Random) -> str:
    """A well-formed NHS number (modulus 11 check digit) in the 999 range, which is never issued."""
    while True:
        digits = [9, 9, 9] + [rng.randint(0, 9) for _ in range(6)]
        check = 11 - sum(d * w for d, w in zip(digits, range(10, 1, -1), strict=True)) % 11
        if check == 10:
            continue
        digits.append(0 if check == 11 else check)
        text = "".join(map(str, digits))
        return f"{text[:3]} {text[3:6]} {text[6:]}"
