"""Sentence templates of the generated corpus, by writing style.

Written for this corpus, independently of the engine's recognisers. A slot is ``{kind}`` or
``{kind:role}``; ``deid_corpus.Context`` fills it (see its ``SLOTS`` for the kinds). Roles name the
people of one document (``mum``, ``child``, ``worker`` ...); a role keeps its values (name, phone,
address) across the document. Text outside slots is never labelled: role words, agencies, days,
times, nationalities, teams and products there are the hard negatives.
"""

NARRATIVE = (
    "{name:child} ({age:child}) lives with mum {name:mum} at {addr:home}.",
    "Referral received on {date} from {org:school} about {name:child}, aged {age:child}.",
    "{tname:mum} rang the duty line from {phone:mum} to say {first:child} had not come home from school.",
    "Home visit to {street:home} - {first:mum} was in with {first:child} and {first:child2}.",
    "{name:client} ({age:client}) has lived at {org:care_home} since {date}.",
    "{first:client}'s GP is {org:gp} and the NHS number on the referral is {nhs:client}.",
    "The discharge from {org:hospital} on {date} was never sent to the home care agency.",
    "Dad, {name:dad}, is believed to be staying with a friend in {city}.",
    "{first:daughter} is {age:daughter} and attends {org:school}; she has missed 14 sessions this term.",
    "{first:son} is {age:son}, he was picked up by police on Friday night near the station.",
    "A {age:nan}-year-old woman, {name:nan}, was found on the floor at {addr:nan} by a neighbour.",
    "Mum's new partner {name:partner} (DOB {dob:partner}) is not known to us.",
    "Before moving to {town:home} the family lived at {addr:abroad}.",
    "The interpreter, {name:interp}, can be reached on {phone:interp}.",
    "Visit completed by {name:worker} ({wemail:worker}) with the Polish interpreter on Thursday.",
    "{first:son} has been posting the foster carer's address on {url:son}.",
    "The letter went to {email:friend} instead of {email:mum}; it contained {first:child}'s NHS number {nhs:child}.",
    "The audit log shows the record was opened from IP address {ip} at 02:14 and later from {ip}.",
    "The case was transferred from {ref} to the Children with Disabilities Team.",
    "{first:mum} works at {org:employer} and could not get time off for the conference.",
    "{name:child} (DOB {dob:child}) missed two outpatient appointments at {org:hospital}.",
    "Police attended {street:home} on {date}; {first:dad} had already left for {city}.",
    "{tname:nan} told the carer that her grandson {first:son} keeps her bank card.",
    "{first:daughter}, who is {age:daughter}, has been missing since {date}.",
    "A copy of {first:mum}'s ID ({natid:mum}) was left on the printer in reception.",
    "{name:mum} gave her number as {phone:mum} and her email as {email:mum}.",
    "Foster carer {name:carer} ({phone:carer}) says {first:child} came back at 11pm smelling of cannabis.",
    "{first:child} is in Year 9 at {org:school}; the DSL there is {tname:teacher}.",
    "Seen by {tname:doctor} at {org:gp} on {date}, who prescribed antibiotics.",
    "{first:dad} is in {city:abroad} at the moment, visiting his mother.",
    "{first:nan} is {age:nan} and lives alone since her husband died.",
    "{org:nursery} raised concerns about a bruise on {first:child2}'s arm; {first:child2} is {age:child2}.",
    "Blood results were filed under another patient with the same surname, {name:other}, DOB {dob:other}.",
    "The fundraising page {url:mum} shows the children's faces and their school uniform.",
    "A letter for {name:client} was posted to {addr:old} by mistake.",
    "Met {first:mum} at {org:charity} where she volunteers on Tuesdays.",
    "{first:child} told the school nurse that {first:partner} hits {first:mum}.",
    "Her brother, {name:uncle}, has offered to have the children; his number is {phone:uncle}.",
    "{tname:client} (aged {age:client}) was given the wrong medication at {org:care_home} on {date}.",
    "Agency carer {name:carer} did not turn up for the morning call at {street:client}.",
    "The school sent the photo consent form to {email:dad}, the father who has no contact.",
    "Manager {name:manager} agreed to complete the incident form by {date}.",
    "{first:client}'s son {name:son} holds lasting power of attorney and lives in {city}.",
    "Address for the placement, {addr:placement}, was read out in front of the birth parents.",
    "{name:child} was born at {org:hospital}; the family moved to the UK when {first:child} was {age:child2}.",
    "Taxi firm booked for {first:child} under the name {name:other} by mistake.",
)

NOTES = (
    "hv to {street:home} w/ {first:worker}. {first:mum} answered, {first:child} ({age:child}) present",
    "tc from {first:nan} re {first:child} - says hes at his dads in {city}",
    "{first:child} {age:child}yo, sch {org:school}, gp {org:gp}",
    "spoke to {tname:mum} on {phone:mum} re missed appt on {date}",
    "nhs no {nhs:child} / mums ni {ni:mum}",
    "f/u w/ {first:carer} tmrw re meds",
    "dad {name:dad} dob {dob:dad} nfa, last seen {city}",
    "ref {refid} - transferred to cwd",
    "{name:client} aged {age:client} @ {org:care_home} rm 12 - fall overnight",
    "email from {email:mum} fwd to team mailbox",
    "{first:son} sent pics via {url:son}",
    "{first:daughter} is {age:daughter} not 16 as recorded on the system",
    "new addr {addr:home} (moved {date})",
    "old addr {addr:abroad}",
    "mum {first:mum} ok w/ plan. {first:child2} {age:child2} in nursery ({org:nursery})",
    "strat mtg {date} - police, health, sch. {first:child} not told yet",
    "{first:mum} says {first:partner} not living there but his car outside {street:home}",
    "ph {phone:dad} - no ans x3",
    "tl {name:manager} aware",
    "gp ({org:gp}) confirms {first:client} not seen since {date}",
    "{name:mum} - {mobile:mum} - happy for txt",
    "s47 to be completed by {date}, {first:worker} allocated",
    "{first:nan} {age:nan} lives alone, son {first:son} visits sundays",
)

SMS = (
    "hi its {first:mum} {first:child} not home yet can u ring me {phone:mum}",
    "this is {name:dad} my new number is {phone:dad} pls update",
    "ok will bring {first:child} to {org:school} 2moro",
    "can u send it to {email:mum} thx",
    "{first:nan} in {org:hospital} since {date}",
    "im at {street:home} come now",
    "her fb is {url:friend}",
    "ring {first:friend} on {phone:friend} she knows where {first:daughter} is",
    "{first:son} is {age:son} not a baby",
    "meeting moved to {date} x",
    "pls dont tell {first:partner} i rang",
    "{first:child2} has a temp of 39 taking her to {org:gp}",
    "my sister {name:aunt} will pick them up her no is {mobile:aunt}",
    "new address is {addr:home}",
    "sorry cant make {date} my shift at {org:employer} changed",
    "u can email me {email:mum} or ring {phone:mum}",
)

SMS_FOREIGN = (
    ("pl", "Dzień dobry, tu {name:mum}, mój numer to {phone:mum}"),
    ("pl", "{first:child} jest chory, nie będzie w szkole. {first:mum}"),
    ("ro", "Buna ziua, sunt {name:mum}, numarul meu e {phone:mum}"),
    ("ro", "{first:child} are {age:child} ani si sta la {street:home}"),
    ("es", "Hola soy {first:mum} mi numero es {phone:mum}"),
    ("fr", "Bonjour c'est {first:mum}, mon numéro {phone:mum}"),
    ("pt", "Olá, sou {name:mum}, o meu email é {email:mum}"),
    ("tr", "Merhaba ben {name:mum}, numaram {phone:mum}"),
    ("lt", "Labas, čia {first:mum}, mano numeris {phone:mum}"),
)

# Mixed scripts: (script locale, template); {nname} is a name written in that script.
NATIVE = (
    ("ar_AA", "مرحبا أنا {nname} رقمي {phone:mum}"),
    ("ar_SA", "Mum wrote her name on the form as {nname}."),
    ("ru_RU", "Здравствуйте, это {nname}, мой номер {phone:mum}"),
    ("bg_BG", "Grandmother's name in Bulgarian: {nname}."),
    ("uk_UA", "Доброго дня, я {nname}, моя адреса {street:home}"),
    ("zh_CN", "我是{nname}，电话{phone:mum}"),
    ("hi_IN", "मेरा नाम {nname} है, मेरा फ़ोन {phone:mum}"),
    ("ur", "میرا نام {nname} ہے"),
    ("el_GR", "Father's name on the passport: {nname}."),
    ("fa_IR", "The letter was signed {nname}."),
)

EMOJI = ("👍", "🙏", "😢", "❤️", "😡", "x", "🙂", "😭", "👌")

EMAIL_HEADERS = (
    "From: {name:sender} <{email:sender}>\nSent: {weekday} {date} 09:41\nTo: {wemail:worker}\nSubject: {subject}\n\n",
    "-----Original Message-----\nFrom: {wemail:worker}\nDate: {date}\nTo: {email:mum}\nCc: {temail}\nSubject: RE: {subject}\n\n",
    "On {date}, at 16:05, {name:sender} <{email:sender}> wrote:\n\n",
    "From: {tname:worker} ({wemail:worker})\nTo: {temail}\nSubject: FW: {subject}\n\n",
    "From: {email:sender}\nTo: {wemail:worker}\nDate: {weekday}, {date}\nSubject: {subject}\n\n",
)
EMAIL_SUBJECTS = ("{first:child}", "concerns re {name:child}", "Referral - {last:child} family", "urgent", "Re: meeting",
                  "missing person {first:daughter}", "complaint about {org:care_home}", "bank details")
EMAIL_GREETINGS = ("Hi {first:worker},\n\n", "Dear {tname:worker},\n\n", "Good morning all,\n\n", "Hello,\n\n",
                   "Hi both,\n\n", "{first:worker}\n\n")
EMAIL_BODY = (
    "I am writing about {name:child} who I believe is open to your team.",
    "Please can you call me back on {phone:sender} when you get a chance.",
    "I've attached the chronology; {first:child}'s NHS number is {nhs:child} if you need it.",
    "My address has changed to {addr:sender} so please update your records.",
    "The GP ({org:gp}) says they haven't seen {first:child} since {date}.",
    "You can also reach me at {email:sender2} as the work account is playing up.",
    "{first:child}'s dad ({name:dad}) turned up at the school gates again this morning.",
    "We had a visit from {tname:nan} who is worried about her daughter.",
    "Could you check the case note on {refid} - the wrong address was recorded.",
    "I've seen posts about this on {url:friend} which I can screenshot.",
    "The bank details she gave were {iban:client}, which does not look like her own account.",
)
EMAIL_SIGNATURES = (
    "\n\nKind regards\n{name:worker}\nSocial Worker | Children's Services\n"
    "T: {landline:worker} | M: {mobile:worker}\nE: {wemail:worker}\n{web}",
    "\n\nThanks\n{first:worker}\n\nSent from my iPhone",
    "\n\nBest wishes,\n{name:worker}\nSafeguarding Adults Practitioner\n{org:employer}\nTel: {phone:worker}",
    "\n\nMany thanks,\n{name:sender}\n{mobile:sender}",
    "\n\nRegards,\n{tname:worker}\nIndependent Reviewing Officer\nDirect line {landline:worker}\n\n"
    "This e-mail and any attachments are confidential. If you have received it in error please notify the sender.",
    "\n\n{name:sender}\n{addr:sender}\n{phone:sender}",
)

# Case-management export: (key variants, slot). Keys are unlabelled.
EXPORT_FIELDS = (
    (("Name", "Client name", "Service user", "Full name"), "{fname:client}"),
    (("Surname", "Last name", "Family name"), "{last:client}"),
    (("Forename(s)", "First name", "Given name"), "{first:client}"),
    (("DOB", "Date of birth", "D.O.B."), "{dob:client}"),
    (("Age", "Age at referral"), "{age:client}"),
    (("Address", "Current address", "Home address"), "{addr:home}"),
    (("Postcode", "Post code"), "{pc:home}"),
    (("Tel", "Phone", "Mobile", "Contact no."), "{phone:client}"),
    (("Email", "E-mail"), "{email:client}"),
    (("NHS No", "NHS number", "NHS #"), "{nhs:client}"),
    (("NI No", "NINO", "National Insurance"), "{ni:client}"),
    (("Case Ref", "Case number", "Record ID", "Reference"), "{refid}"),
    (("GP", "GP practice", "Registered GP"), "{org:gp}"),
    (("School", "Education setting"), "{org:school}"),
    (("Placement", "Care provider"), "{org:care_home}"),
    (("Allocated worker", "Key worker", "Case holder"), "{name:worker}"),
    (("Referral date", "Date opened", "Date of incident"), "{date}"),
    (("Next of kin", "NOK", "Emergency contact"), "{name:nok} ({phone:nok})"),
    (("Ethnicity",), "White - Any other White background"),
    (("Language", "First language"), "Polish"),
    (("Bank", "Payee account"), "{iban:client}"),
    (("National ID", "ID document", "ID"), "{natid:client}"),
    (("Social media", "Profile"), "{url:client}"),
    (("Last login IP", "IP"), "{ip}"),
    (("Employer",), "{org:employer}"),
    (("Hospital", "Admitted to"), "{org:hospital}"),
    (("Town", "Area"), "{town:home}"),
)
EXPORT_TABLES = (
    ("| Name | DOB | Relationship | Phone |\n|---|---|---|---|\n",
     "| {name:R} | {dob:R} | {rel:R} | {phone:R} |\n"),
    ("Name\tRelationship\tTel\tEmail\n", "{name:R}\t{rel:R}\t{phone:R}\t{email:R}\n"),
    ("Household members:\n", "  - {fname:R}, {rel:R}, age {age:R}\n"),
)

CONTACT_LINES = (
    "{name:R} - {phone:R}\n",
    "{name:R} - {phone:R} - {email:R}\n",
    "{rel:R} {first:R} {mobile:R}\n",
    "{name:R}, {phone:R}, {email:R}, {addr:R}\n",
    "{fname:R}: {phone:R}\n",
    "{name:R} ({rel:R}) {phone:R} / {phone2:R}\n",
    "{name:R} <{email:R}>\n",
    "{tname:R} {landline:R}\n",
)
CONTACT_HEADERS = ("", "Contacts:\n", "Family contacts\n", "name,phone,email\n", "Useful numbers -\n")

FINANCIAL = (
    "{tname:client} ({age:client}) reports money missing from her account; statements show transfers to "
    "{iban:perp} in the name of {name:perp}.",
    "{first:perp} has been using {first:client}'s debit card {card:client} at the cash point on {street:home}.",
    "Payments of £200 a week have gone to sort code {sort:perp}, account {acct:perp}, since {date}.",
    "Her bank is Barclays, sort code {sort:client}, account number {acct:client}.",
    "A transfer of €1,500 to {iban:perp} with the reference \"loan\" was made on {date}.",
    "The investment website {web} took {first:client}'s card details ({card:client}) and the CVV.",
    "Western Union receipts found in the flat were addressed to {name:perp}, {addr:abroad}.",
    "The pension is paid into {iban:client}; lasting power of attorney is held by {name:son}.",
    "The bank's fraud team says {first:son} logged into online banking from IP {ip}.",
    "A man rang from {phone_abroad:perp} claiming to be from HMRC and asked for the long card number.",
    "The DWP appointee is {name:appointee} of {addr:appointee}; {first:client}'s NI number is {ni:client}.",
    "A credit card ({card:perp}) was opened in {first:client}'s name at {addr:old}.",
    "Rent was paid from an account in {name:perp}'s name, routing number {routing}, account {acct_us:perp}.",
    "{first:client} showed me a text asking her to pay {iban:perp} to release a parcel.",
    "{name:perp} ({age:perp}) is a lodger at {street:client} and has the PIN for {first:client}'s card.",
    "Carer {name:carer} was seen using the client's Nationwide card {card:client} on {date}.",
    "Standing order of £350 a month to {name:perp}, IBAN {iban:perp}, BIC BARCGB22.",
)

CLEAN = (
    "Duty received a call on Monday about a child left alone; police attended and the child was safe.",
    "The Polish interpreter was booked for the wrong day, so the visit went ahead with Language Line.",
    "Section 47 enquiry started and a strategy meeting was held the same afternoon with CAMHS and the school nurse.",
    "Mum said the boy was wearing a Manchester United shirt when he left the house.",
    "The carer will chase up the pharmacy about the blister packs.",
    "The Romanian-speaking family support worker is on leave until next week.",
    "Universal Credit was paid but the landlord says the rent has not arrived.",
    "Night staff found the fire door propped open at 3am and reported it to the manager.",
    "The medication round was two hours late because the MAR chart was missing.",
    "Christmas contact arrangements were agreed at the LAC review.",
    "An iPhone and a Samsung tablet were handed in to the police station.",
    "The lounge was noisy because the Chelsea v Arsenal match was on.",
    "No further action; the Child Protection Plan ends at the next conference.",
    "Grandad and Nan are happy to help with the school run on Wednesdays.",
    "The Independent Reviewing Officer asked for the care plan to be updated before the review.",
    "A Muslim chaplain and a Catholic priest both visited the ward over the weekend.",
    "The Brazilian and Nigerian students at the college were told about the fire drill.",
    "WhatsApp messages were screenshotted and sent to the Designated Safeguarding Lead.",
)

# Relationship words for contact lists and household tables: (female, male, either).
RELATIONSHIPS = (("Mother", "Grandmother", "Aunt", "Sister", "Nan", "Stepmum"),
                 ("Father", "Grandad", "Uncle", "Brother", "Stepfather"),
                 ("Neighbour", "Friend", "Carer", "Social worker", "Cousin", "GP"))
