# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The text an extraction reads: HTML made plain, quotes and disclaimers cut.

``read_body(value)`` turns the body of an email or a call note (str, bytes,
HTML or plain text) into a ``Body``: the lines written by the sender, and
where a forwarded message starts in them.

What is cut, and why:

* lines starting with ">" (and the content of HTML ``<blockquote>``): quoted;
* a reply header ("On ... wrote:", "Le ... a écrit :", also over two or three
  lines) followed by quoted lines: the header and the quote go, the text
  after them (an answer written below the quote) stays; a reply header not
  followed by ">" lines starts a quoted message that runs to the end;
* "-----Original Message-----" (and its French, German and Spanish
  forms), and a header block "From: ... Sent: ..." / "De : ... Envoyé : ...":
  everything after them is an earlier message;
* disclaimers, confidentiality notices, "please consider the environment",
  unsubscribe footers and "external sender" banners: from the line where one
  starts to the end of its paragraph;
* "Sent from my iPhone" and the like.

In HTML, the text is read as shown (a link by its text), except that the
address of a "mailto:" or "tel:" link is read too.

A forwarded message ("---------- Forwarded message ---------", "Début du
message réexpédié :", or a header block whose subject starts with "Fwd:",
"TR:" ...) is *kept*: a salesperson forwards a prospect's email to the CRM so
that its content is read. Only its header lines go (they name the
salesperson, who received it, as much as the prospect), and ``Body.forwarded``
tells where it starts (the company is looked for there first).

>>> body = read_body("Hi,<br>call 06 12 34 56 78&nbsp;!<blockquote>old</blockquote>")
>>> body.text
'Hi,\\ncall 06 12 34 56 78 !'
>>> read_body("Yes.\\n\\nOn Mon, 4 Jan 2027, Bob <b@x.fr> wrote:\\n> Can we meet?").text
'Yes.'
"""

import html
import re
from urllib.parse import unquote

# Longer bodies are read up to here (the start of a message holds what matters).
MAX_HTML_CHARS = 400_000
MAX_TEXT_CHARS = 20_000

_LOOKS_HTML = re.compile(
    r"<(?:html|body|div|p|br|span|table|td|tr|a|b|i|u|strong|em|font|blockquote"
    r"|img|meta|ul|ol|li|h[1-6])(?:\s[^<>]{0,2000})?/?>|</[a-z][a-z0-9]*\s*>",
    re.I,
)
_HTML_DROP = re.compile(
    r"<(script|style|head|title|xml)\b[^>]*>.*?</\1\s*>|<!--.*?-->|<!\[CDATA\[.*?\]\]>",
    re.I | re.S,
)
# Bounded repetitions: a "<" never closed costs a bounded scan, not the rest
# of the text.
_HTML_TAG = re.compile(
    r"<(/?)([a-zA-Z][a-zA-Z0-9:]*)(?=[\s/>])"
    r"(?:[^<>\"']|\"[^\"]{0,4000}\"|'[^']{0,4000}'){0,4000}>"
)
_BLOCK_TAGS = frozenset(
    "address article aside br dd div dl dt footer form h1 h2 h3 h4 h5 h6 header hr li"
    " ol p pre section table tbody thead tfoot tr ul".split()
)
_CELL_TAGS = frozenset(("td", "th"))
_CONTACT_LINK = re.compile(r"\bhref\s*=\s*[\"']?\s*(?:mailto|tel):([^\"'\s>?]+)", re.I)
_HTML_SPACE = re.compile(r"[ \t\r\n\f\v]+")

_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u00ad\u200b-\u200d\u2060\ufeff]"
)
_BLANK_LINES = re.compile(r"\n{3,}")
_SPACES = re.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")

_QUOTED_LINE = re.compile(r"^\s*>")
_REPLY_START = re.compile(r"^\s*(?:On|Le|Am|El|Il)\b", re.I)
_REPLY_HEADER = re.compile(
    r"^\s*(?:On|Le|Am|El|Il)\b.{0,300}?\b(?:wrote|a écrit|schrieb|escribió"
    r"|ha scritto)\s*:\s*$",
    re.I,
)
_ORIGINAL_MESSAGE = re.compile(
    r"^\s*[-_=* ]{2,}\s*(?:original message|message d'origine|message original"
    r"|ursprüngliche nachricht|mensaje original|reply message)\s*[-_=* ]{2,}\s*$",
    re.I,
)
_FORWARD_MARKER = re.compile(
    r"^\s*(?:[-_=* ]{2,}\s*(?:forwarded message|message transféré|message transfere"
    r"|weitergeleitete nachricht|mensaje reenviado)\s*[-_=* ]{2,}"
    r"|(?:begin forwarded message|début du message (?:réexpédié|transféré)"
    r"|message transféré)\s*:)\s*$",
    re.I,
)
_RULE_LINE = re.compile(r"^\s*[_]{8,}\s*$")
_HEADER_FIELD = re.compile(
    r"^\s*\**\s*(?P<name>from|de|sent|envoyé|date|to|à|a|cc|bcc|cci|subject|objet"
    r"|reply-to|répondre à|date d'envoi|von|gesendet|an|betreff)\s*\**\s*:",
    re.I,
)
_HEADER_FROM = frozenset(("from", "de", "von"))
# A header block has a date and a recipient or subject (a web form that
# starts with "From:" and "Subject:" is no earlier message).
_HEADER_DATED = frozenset(("sent", "envoyé", "date", "date d'envoi", "gesendet"))
_HEADER_ADDRESSED = frozenset(
    ("to", "à", "a", "cc", "subject", "objet", "an", "betreff")
)
_FORWARD_SUBJECT = re.compile(
    r"^\s*\**\s*(?:subject|objet|betreff)\s*\**\s*:\s*\**\s*(?:fwd?|tr|wg)\s*:", re.I
)
_MOBILE_FOOTER = re.compile(
    r"^\s*(?:sent from my \w+|envoyé de mon \w+|envoyé depuis mon \w+"
    r"|get outlook for \w+|obtenir outlook pour \w+|sent from (?:outlook|mail) for \w+"
    r"|téléchargez outlook pour \w+)\b.{0,40}$",
    re.I,
)
_DISCLAIMER = re.compile(
    r"(?:this|the) (?:e-?mail|message|communication|transmission)\b[^.]{0,160}?\b"
    r"(?:confidential|privileged|intended (?:solely|only|exclusively))"
    r"|\bconfidentiality (?:notice|note|disclaimer|statement)"
    r"|\b(?:legal )?disclaimer\s*:"
    r"|if you (?:are not|have received this \w+ in error|received this \w+ in error)"
    r"|intended (?:solely|only|exclusively) for the"
    r"|(?:consider|think (?:of|about)) the environment before printing"
    r"|\bunsubscribe\b|to stop receiving|manage (?:your )?(?:e-?mail )?preferences"
    r"|you (?:are receiving|received) this (?:e-?mail|message|newsletter)"
    r"|this (?:e-?mail|message) (?:originated|comes|came) from outside"
    r"|\[external\]|\bexternal (?:e-?mail|sender)\b"
    r"|(?:ce|le présent|cet) (?:message|courriel|e-?mail|mail)\b[^.]{0,160}?"
    r"(?:confidenti|strictement réservé|destinés? exclusivement"
    r"|à l'intention exclusive|à l'usage exclusif)"
    r"|si vous (?:n'êtes pas (?:le|la|l'un|un) |avez reçu ce (?:message|courriel"
    r"|mail|e-?mail) par erreur)"
    r"|avis de confidentialité|clause de confidentialité"
    r"|(?:pensez|songez) à l'environnement|avant d'imprimer|n'imprimez ce"
    r"|(?:vous )?désinscrire|désabonner|désinscription|désabonnement"
    r"|pour ne plus recevoir|vous recevez (?:cet|ce) (?:e-?mail|message|courriel)"
    r"|(?:ce|cet) (?:e-?mail|courriel|message) provient de l'extérieur",
    re.I,
)


# A paragraph holds one of these words when it holds a disclaimer.
_DISCLAIMER_WORDS = (
    "confiden", "privileged", "intended", "environment", "disclaimer", "subscri",
    "stop receiving", "preferences", "receiv", "originated", "outside", "external",
    "destinataire", "exclusi", "environnement", "imprim", "inscri", "abonn",
    "recevoir", "recevez", "provient", "par erreur",
)  # fmt: skip


class Body:
    """The lines of a message written by its sender.

    ``text``: those lines joined by "\\n"; ``forwarded``: the offset in
    ``text`` where a forwarded message starts, or None.
    """

    __slots__ = ("forwarded", "text")

    def __init__(self, text="", forwarded=None):
        self.text = text
        self.forwarded = forwarded

    def parts(self):
        """The forwarded message first (the prospect wrote it), then the rest."""
        if self.forwarded is None:
            return [self.text]
        return [self.text[self.forwarded :], self.text[: self.forwarded]]


def as_text(value):
    """``value`` as a str: bytes decoded as UTF-8 (bad bytes replaced), other
    types (None, numbers ...) as ""."""
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).decode("utf-8", errors="replace")
    return value if isinstance(value, str) else ""


def html_to_text(markup):
    """Plain text of an HTML body: tags dropped, entities decoded, a line break
    for each block (<br>, <p>, <div>, <tr> ...), a space between table cells;
    a ``<blockquote>`` becomes one ">" line (a quote, cut later). The address
    of a "mailto:" or "tel:" link is kept (its text may be "Write to me");
    other links are read by their text only."""
    markup = _HTML_DROP.sub(" ", markup[:MAX_HTML_CHARS])
    out = []
    quote_depth = 0
    position = 0
    for tag in _HTML_TAG.finditer(markup):
        if not quote_depth:
            out.append(_HTML_SPACE.sub(" ", markup[position : tag.start()]))
        position = tag.end()
        closing, name = tag.group(1), tag.group(2).lower()
        if name == "blockquote":
            if not closing:
                if not quote_depth:
                    out.append("\n>\n")
                quote_depth += 1
            elif quote_depth:
                quote_depth -= 1
                out.append("\n")
        elif name in _BLOCK_TAGS:
            out.append("\n")
        elif name in _CELL_TAGS:
            out.append(" ")
        elif name == "a" and not closing and not quote_depth:
            link = _CONTACT_LINK.search(tag.group())
            if link:  # <a href="mailto:...">Write to me</a>
                out.append(f" {unquote(link.group(1))} ")
    if not quote_depth:
        out.append(_HTML_SPACE.sub(" ", markup[position:]))
    return html.unescape("".join(out))


def normalise(text):
    """One kind of line break and of space, no invisible characters, straight
    apostrophes."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", text).replace("\u0130", "I")  # lower() keeps lengths
    text = _SPACES.sub(" ", text)
    for apostrophe in "\u2019\u2018\u02bc":
        text = text.replace(apostrophe, "'")
    return text


def _reply_header_length(lines, index):
    """Number of lines (1 to 3) of a reply header starting at ``index``, or 0."""
    if not _REPLY_START.match(lines[index]):
        return 0
    joined = lines[index]
    for length in range(1, 4):
        if _REPLY_HEADER.match(joined):
            return length
        if index + length >= len(lines) or len(joined) > 300:
            return 0
        joined += " " + lines[index + length].strip()
    return 0


def _header_block_length(lines, index):
    """Number of lines of a "From: ... Sent: ..." block starting at ``index``
    (0 if there is none), and whether its subject marks a forward."""
    field = index < len(lines) and _HEADER_FIELD.match(lines[index])
    if not field or field.group("name").lower() not in _HEADER_FROM:
        return 0, False
    end, names, forward = index + 1, set(), False
    while end < len(lines) and end - index < 12:
        line = lines[end]
        field = _HEADER_FIELD.match(line)
        if field:
            names.add(field.group("name").lower())
            forward = forward or bool(_FORWARD_SUBJECT.match(line))
        elif line.strip() and not line.startswith((" ", "\t")):
            break  # the message itself (a header field may wrap, indented)
        elif not line.strip() and names:
            break
        end += 1
    if not (names & _HEADER_DATED and names & _HEADER_ADDRESSED):
        return 0, False
    return end - index, forward


def _skip_blank(lines, index):
    while index < len(lines) and not lines[index].strip():
        index += 1
    return index


def _cut_quotes(lines):
    """The lines the sender wrote, and the index in them where a forwarded
    message starts (or None)."""
    kept, forwarded, index = [], None, 0
    while index < len(lines):
        line = lines[index]
        if _QUOTED_LINE.match(line) or _MOBILE_FOOTER.match(line):
            index += 1
            continue
        if _ORIGINAL_MESSAGE.match(line):
            break
        if _FORWARD_MARKER.match(line):
            index = _skip_blank(lines, index + 1)
            index += _header_block_length(lines, index)[0]
            forwarded = len(kept) if forwarded is None else forwarded
            continue
        length = _reply_header_length(lines, index)
        if length:
            after = _skip_blank(lines, index + length)
            if after < len(lines) and _QUOTED_LINE.match(lines[after]):
                index = after
                continue
            break
        length, forward = _header_block_length(lines, index)
        if length:
            if not forward:
                break
            forwarded = len(kept) if forwarded is None else forwarded
            index += length
            continue
        if not _RULE_LINE.match(line):
            kept.append(line)
        index += 1
    return kept, forwarded


def _disclaimer_line(paragraph):
    """Index of the line of ``paragraph`` where a disclaimer starts, or None."""
    joined = " ".join(paragraph)
    lowered = joined.lower()
    if not any(word in lowered for word in _DISCLAIMER_WORDS):
        return None
    found = _DISCLAIMER.search(joined)
    if not found:
        return None
    offset = 0
    for number, line in enumerate(paragraph):
        offset += len(line) + 1
        if offset > found.start():
            return number
    return None


def _cut_disclaimers(lines):
    """``lines`` without disclaimers: in each paragraph, from the line where a
    disclaimer starts to the end of the paragraph."""
    kept, paragraph = [], []
    for line in [*lines, ""]:
        if line.strip():
            paragraph.append(line)
            continue
        if paragraph:
            cut = _disclaimer_line(paragraph)
            kept.extend(paragraph if cut is None else paragraph[:cut])
            paragraph = []
        kept.append(line)
    kept.pop()
    return kept


def read_body(value):
    """``Body`` of ``value`` (an email body or a note, HTML or plain text)."""
    text = as_text(value)
    if not text:
        return Body()
    if _LOOKS_HTML.search(text, 0, 20_000):
        text = html_to_text(text)
    text = normalise(text[:MAX_HTML_CHARS])
    lines = [line.rstrip() for line in text.split("\n")]
    kept, forwarded = _cut_quotes(lines)
    if forwarded is None:
        return Body(_join(kept))
    own, message = _join(kept[:forwarded]), _join(kept[forwarded:])
    if not own:
        return Body(message, 0 if message else None)
    return Body(f"{own}\n\n{message}", len(own) + 2)


def _join(lines):
    text = "\n".join(_cut_disclaimers(lines))
    return _BLANK_LINES.sub("\n\n", text).strip()[:MAX_TEXT_CHARS]
