# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The sender's company, from a label, a legal form or the signature.

Looked for in this order (the first found wins), in a forwarded message
first (its author is the prospect), then in the rest:

1. a label: "Company: Acme", "Société : Acme", "Entreprise : Acme";
2. a legal form in the signature, then anywhere: "Acme Industries SAS",
   "SARL Dupont & Fils", "Acme Ltd", "Globex GmbH" (the legal form is kept:
   it is part of the registered name; "au capital de ...", "RCS ..." go);
3. in the signature, a job title followed by "at", "chez", "@", ",", "|" or
   "-" and a name: "Sales Director at Acme Corp" -> "Acme Corp",
   "Responsable achats | Dupont Industrie" -> "Dupont Industrie"; and
   "de chez Acme" anywhere (call notes);
4. a short line of the signature that matches the domain of an e-mail
   address or website of the text: "ACME Industries" with
   "marie@acme-industries.fr";
5. in the signature, the line after "name" and "job title" lines.

The signature is what follows the last closing ("Best regards",
"Cordialement", "Bien à vous", "-- " ...), or the last lines of the text.
A greeting, a closing, a job title, a person's name, an address or a
contact line is never returned; None when nothing is found.

>>> find_company(
...     "Hello,\\nPlease call me.\\n\\nBest regards,\\nJane Doe\\n"
...     "Head of Purchasing\\nGlobex Corporation\\n+1 415 555 2671"
... )
'Globex Corporation'
"""

import re
import unicodedata

_LABEL = re.compile(
    r"^\s*(?:company(?: name)?|organi[sz]ation|société|societe|entreprise"
    r"|raison sociale|employer|employeur|structure)\s*:\s*(?P<name>[^\n]{2,80})$",
    re.I | re.M,
)
_LEGAL_FORM = re.compile(
    r"(?<![\w&.])(?:S\.?A\.?S\.?U?\.?|SARL|S\.A\.R\.L\.?|SàRL|Sàrl|EURL|SCI|SNC|SCOP"
    r"|SELARL|SELAS|SA|S\.A\.|GmbH|AG|KG|Ltd\.?|Limited|LLC|L\.L\.C\.|LLP|Inc\.?"
    r"|Incorporated|Corp\.?|Corporation|PLC|plc|B\.V\.|BV|N\.V\.|NV|S\.p\.A\.|SpA"
    r"|S\.L\.|SL|S\.R\.L\.|SRL|Pty\.? Ltd\.?|Oy|AB|Cie|Co\.)(?![\w&])"
)
_LEGAL_TAIL = re.compile(
    r"\s*[,(]?\s*\b(?:au capital|with (?:a )?share capital|share capital|capital"
    r"|RCS|R\.C\.S\.|SIRET|SIREN|TVA|VAT|registered|immatricul|siège|dont le siège"
    r"|company (?:number|no)|reg\.|n°|no\.|headquarter)\b.*$",
    re.I,
)
_SEPARATORS = re.compile(r"\s+[-–—|•·/]\s+|\s*[|•·]\s*|,\s+|;\s*|\t")
_CLOSING = re.compile(
    r"^\s*(?:(?:best|kind|warm|warmest|kindest)?\s*regards|regards|cheers|thanks?"
    r"(?: you| again| a lot| in advance)?|many thanks|thank you|sincerely(?: yours)?"
    r"|yours(?: sincerely| truly)?|best(?: wishes)?|all the best|speak soon"
    r"|cordialement|bien cordialement|très cordialement|cdlt|bien à (?:vous|toi)"
    r"|(?:sincères |meilleures |bonnes )?salutations(?: distinguées)?"
    r"|belle journée|bonne (?:journée|soirée|fin de journée|semaine)|à bientôt"
    r"|merci(?: beaucoup| d'avance| par avance| encore)?|amicalement|bien amicalement"
    r"|--|__)\s*[,.!]?\s*$",
    re.I,
)
_TITLE_WORDS = frozenset(
    """ceo cto cfo coo cmo cio cso vp svp evp avp founder co-founder cofounder owner
    president chairman chairwoman director head manager lead officer executive
    engineer consultant buyer purchasing procurement sales marketing account
    assistant coordinator specialist analyst associate administrator
    representative developer architect advisor adviser counsel secretary intern
    chief business partner directeur directrice dg pdg président présidente
    gérant gérante fondateur fondatrice cofondateur cofondatrice co-fondateur
    co-fondatrice responsable chef chargé chargée ingénieur ingénieure
    consultante acheteur acheteuse commercial commerciale assistante attaché
    attachée technicien technicienne comptable juriste associé associée délégué
    déléguée achats achat office dsi daf drh dga cdo cpo cro service services
    département department direction team équipe""".split()
)
_CONTACT = re.compile(
    r"@|https?:|www\.|\.(?:com|fr|net|org|io|eu)\b|\d{2}[ .]?\d{2}[ .]?\d{2}"
    r"|\b(?:tel|tél|phone|mobile|mob|portable|fax|gsm|cell|email|e-mail|mail|web"
    r"|site|linkedin|twitter|adresse|address)\b",
    re.I,
)
_ADDRESS = re.compile(
    r"\b\d{4,5}\b|\b(?:rue|avenue|av\.|boulevard|bd|place|allée|chemin|route|quai"
    r"|impasse|cedex|bp|street|st\.|road|rd\.|suite|floor|étage|bâtiment|zi|za"
    r"|zac|parc)\b",
    re.I,
)
_NOT_COMPANIES = frozenset(
    """france paris lyon marseille lille toulouse bordeaux nantes london
    londres belgique belgium suisse switzerland germany allemagne uk usa
    europe linkedin twitter facebook instagram youtube google gmail outlook
    confidential confidentiel bonjour hello hi madame monsieur sir merci thanks
    envoyé sent emea apac latam amer americas dach benelux nordics""".split()
)
# A capitalised word; a dot only inside it ("S.A", "Acme.io"), so that a name
# stops at the end of a sentence.
_CIVILITIES = frozenset(
    "mr mrs ms miss dr m mme mlle monsieur madame mademoiselle me maître".split()
)
_NAME_WORD = r"[A-Z0-9À-Þ][\w&'\-]*(?:\.[\w&'\-]+)*"
_AT_COMPANY = re.compile(
    r"(?:^|\s)(?:at|chez|@)\s+(?P<name>" + _NAME_WORD + r"(?:\s+(?:&|and|et|de|du"
    r"|des|of|the|" + _NAME_WORD + r")){0,5})"
)
# "de chez Acme", "on behalf of Acme", "je travaille chez Acme" ...
_INTRODUCTION = re.compile(
    r"\b(?i:de chez|on behalf of|pour le compte de|au nom de"
    r"|(?:je travaille|nous travaillons|I work|we work)\s+(?:chez|at|for)"
    r"|(?:de|from|of)\s+(?:la société|l'entreprise|the company))\s+"
    r"(?i:la société\s+|l'entreprise\s+|the company\s+)?(?P<name>"
    + _NAME_WORD
    + r"(?:\s+(?:&|et|and|de|du|des|of|"
    + _NAME_WORD
    + r")){0,4})"
)
_CAPITALISED = re.compile(
    r"(?<![\w@./\-])[A-ZÀ-Þ][\w'\-]*(?:\s+(?:&\s+)?[A-Z0-9À-Þ][\w'\-]*){0,4}"
    r"(?![\w@\-]|\.\w)"
)
_INTRODUCED_BY = re.compile(
    r"\b(?:chez|at|from|for|pour|société|societe|company|entreprise|groupe"
    r"|group)\s*[:,]?\s*$",
    re.I,
)
_LEADING = re.compile(
    r"^(?:chez|at|for|pour|with|avec|by|par|from|société|company|the company)\s+",
    re.I,
)
_CONNECTORS = frozenset("& and et de du des of the".split())
_FREE_MAIL = frozenset(
    """gmail googlemail yahoo hotmail outlook live msn icloud me orange wanadoo
    free sfr laposte aol gmx protonmail proton bbox numericable neuf club-internet
    yandex mail""".split()
)


def _fold(text):
    """Lower-case letters and digits only, accents removed."""
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in text if c.isalnum() and not unicodedata.combining(c))


def _words(text):
    return re.findall(r"[\w'\-]+", text.lower())


def _is_title(text):
    return any(word in _TITLE_WORDS for word in _words(text))


def _clean(name, legal=False):
    """``name`` tidied, or None when it cannot be a company name."""
    name = _LEGAL_TAIL.sub("", name) if legal else name
    name = _LEADING.sub("", name.strip(" \t-–—|•·,;:*_\"'()[]"))
    name = re.sub(r"\s+", " ", name).strip(" \t-–—|•·,;:*_\"'([")
    if name.count("(") < name.count(")"):
        name = name.rstrip(")").strip()
    if name.endswith(".") and not _LEGAL_FORM.search(name.rsplit(None, 1)[-1]):
        name = name.rstrip(".")
    words = name.split()
    while words and words[-1].lower() in _CONNECTORS:  # "Durand et" ...
        words.pop()
    name = " ".join(words)
    if not words or len(name) > 60 or len(words) > 7:
        return None
    if not re.search(r"[^\W\d_]", name) or _CONTACT.search(name):
        return None
    if words[0].lower().rstrip(".") in _CIVILITIES:  # "Mr Smith" is a person
        return None
    if _CLOSING.match(name) or any(
        _fold(piece) in _NOT_COMPANIES for piece in re.split(r"[,&/]| and | et ", name)
    ):
        return None
    if not legal and (not (name[0].isupper() or name[0].isdigit()) or _is_title(name)):
        return None
    return name


def _from_legal_form(line):
    """The company named with a legal form on ``line``, or None."""
    for piece in _SEPARATORS.split(line):
        form = _LEGAL_FORM.search(piece)
        if not form:
            continue
        before = piece[: form.start()].split()
        after = _LEGAL_TAIL.sub("", piece[form.end() :]).split()
        name = []
        for word in reversed(before):
            if word[0].isupper() or word[0].isdigit() or word.lower() in _CONNECTORS:
                name.insert(0, word)
                if len(name) >= 5:
                    break
            else:
                break
        while name and name[0].lower() in _CONNECTORS:
            name.pop(0)
        if name:
            found = _clean(" ".join([*name, form.group()]), legal=True)
        else:
            trailing = []
            for word in after[:5]:
                if not (word[0].isupper() or word.lower() in _CONNECTORS):
                    break
                trailing.append(word)
            found = trailing and _clean(" ".join([form.group(), *trailing]), legal=True)
        if found and _fold(found) != _fold(form.group()):
            return found
    return None


def _introduces(line, name):
    """True when ``line`` names ``name`` as the sender's company: a line that
    starts with it (a legal footer), or "chez", "at", "from", "société" ...
    before it ("our contract with Globex Inc." names another company)."""
    line = line.strip()
    start = line.find(name.split()[0])
    return start <= 0 or bool(_INTRODUCED_BY.search(line, 0, start))


def _signature(lines):
    """The lines of the signature: after the last closing, else the last 8."""
    for index in range(len(lines) - 1, -1, -1):
        if _CLOSING.match(lines[index]):
            return [line for line in lines[index + 1 :] if line.strip()][:12]
    return [line for line in lines if line.strip()][-8:]


def _is_person(line):
    words = line.split()
    return (
        2 <= len(words) <= 4
        and all(re.fullmatch(r"[A-ZÀ-Þ][\w'\-.]*", word) for word in words)
        and not _is_title(line)
    )


def _is_person_and_title(line):
    """ "Jane Doe - CEO", "Jean Martin, Directeur commercial"."""
    pieces = [p for p in _SEPARATORS.split(line) if p.strip()]
    return len(pieces) == 2 and _is_person(pieces[0]) and _is_title(pieces[1])


def _after_title(line):
    """ "Title at Company", "Title | Company", "Title, Company" -> Company."""
    match = _AT_COMPANY.search(line)
    if match and _is_title(line[: match.start()]):
        return _clean(match.group("name"))
    pieces = [p for p in _SEPARATORS.split(line) if p.strip()]
    if len(pieces) == 3 and _is_person(pieces[0]):  # "Name - Title - Company"
        pieces = pieces[1:]
    if len(pieces) == 2:
        first, second = pieces
        if _is_title(first) and not _is_title(second):
            return _clean(second)
        if _is_title(second) and not _is_title(first) and not _is_person(first):
            return _clean(first)
    return None


def _domain_labels(domains):
    labels = set()
    for domain in domains:
        parts = domain.lower().split(".")
        if len(parts) < 2:
            continue
        label = (
            parts[-3] if len(parts) > 2 and parts[-2] in ("co", "com") else parts[-2]
        )
        if label not in _FREE_MAIL and len(label) >= 3:
            labels.add(_fold(label))
    return labels


def _matches_domain(line, labels):
    folded = _fold(line)
    if len(folded) < 3 or len(line.split()) > 5 or _CONTACT.search(line):
        return False
    return any(
        folded == label
        or (len(label) >= 4 and folded.startswith(label))
        or (len(folded) >= 4 and label.startswith(folded))
        for label in labels
    )


def _in_signature(signature, labels):
    for line in signature:
        found = _from_legal_form(line)
        if found:
            return found
    for line in signature:
        found = _after_title(line)
        if found:
            return found
    if labels:
        for line in signature:
            if _matches_domain(line, labels) and not _is_title(line):
                found = _clean(line)
                if found:
                    return found
    for index, line in enumerate(signature):
        following = signature[index + 1 : index + 3]
        if _is_person(line) and len(following) == 2 and _is_title(following[0]):
            company = following[1]
        elif _is_person_and_title(line) and following:
            company = following[0]
        else:
            continue
        company = _SEPARATORS.split(company.strip())[0]
        if not _ADDRESS.search(company):
            found = _clean(company)
            if found and _fold(found) not in _fold(line):
                return found
    return None


def _in_part(text, labels):
    label = _LABEL.search(text)
    if label:
        found = _clean(label.group("name"), legal=True)
        if found:
            return found
    lines = text.split("\n")
    signature = _signature(lines)
    found = _in_signature(signature, labels)
    if found:
        return found
    for line in lines:
        found = _from_legal_form(line)
        if found and _introduces(line, found):
            return found
    match = _INTRODUCTION.search(text)
    found = match and _clean(match.group("name"))
    if found:
        return found
    return _named_like_domain(text, labels) if labels else None


def _named_like_domain(text, labels):
    """A run of capitalised words of ``text`` that spells a domain's name:
    "Sunrise Events" with events@sunrise-events.com."""
    for match in _CAPITALISED.finditer(text):
        words = match.group().split()
        for size in range(len(words), 0, -1):
            for start in range(len(words) - size + 1):
                name = " ".join(words[start : start + size])
                if _fold(name) in labels:
                    found = _clean(name)
                    if found:
                        return found
    return None


def find_company(text, parts=None, domains=()):
    """The sender's company in ``text`` (or in ``parts`` of it, in order), or
    None; ``domains`` are the domains of the addresses and websites found."""
    labels = _domain_labels(domains)
    for part in parts or [text]:
        found = _in_part(part, labels)
        if found:
            return found
    return None
